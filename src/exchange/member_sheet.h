// The roster as a spreadsheet: the import template, an uploaded roster read into new members
// with every problem named by its row and column, and a member list written for export.
//
// Between the .xlsx module (office/) and the domain: it knows the columns people expect and
// how they type dates, labels and codes; the checks of the members themselves stay in
// MemberService, whose field errors AddFieldProblems places back on the sheet's cells.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/member/member.h"
#include "domain/member/member_repository.h"
#include "domain/roster/roster.h"
#include "exchange/sheet.h"

namespace dj {

// The columns of the import sheet, found by their header texts.
std::span<const ImportColumn> MemberImportColumns();

// The node with `code` if the importing user may place members in it; nullopt when no node
// has the code or it lies outside their scope (the two are not told apart).
using NodeCodeLookup = std::function<std::optional<NodeId>(std::string_view code)>;

struct MemberImport {
  int64_t rows = 0;                // data rows read (blank rows are skipped)
  std::vector<NewMember> members;  // the rows read without problems, in sheet order
  std::vector<int> sheet_rows;     // the sheet row of each of `members`
  std::vector<SheetProblem> problems;
  // The sheet column (0 for A) of each of MemberImportColumns(), -1 when the file lacks it.
  std::vector<int> sheet_columns;
};

// Reads the first sheet of `xlsx`: a header row, then one member per row. Cells are
// normalised (full-width digits and letters, stray spaces); dates may be Excel dates or text
// as "2024-03-01", "2024/3/1", "2024.3.1", "2024年3月1日" or "20240301"; a member with a
// 转正时间 is full, otherwise probationary; both start in their branch on 入党时间.
// Cell problems are collected in the result, not returned as errors. Errors:
// InvalidArgument "import.not_xlsx" (unreadable file), "import.missing_column" (a required
// header absent; the message lists them), "import.duplicate_column", "import.empty" (no data
// row); TooLarge "import.too_many_rows" (more than `max_rows` data rows) and "import.too_large".
Result<MemberImport> ReadMemberImport(std::string_view xlsx, const NodeCodeLookup& lookup,
                                      int64_t max_rows);

// Places the field errors of MemberService's checks on `import.members` (rows numbered 1, 2,
// ... in the order of `import.members`) on their cells in `import.problems`, then sorts all
// problems by row and column.
void AddFieldProblems(MemberImport& import, const std::vector<FieldError>& errors);

// The import template: sheet "党员信息" with the header row, and sheet "填写说明" listing
// each column with whether it is required, how to fill it in and an example.
Result<std::string> MemberImportTemplate();

// A column of the export.
struct ExportColumn {
  const char* id;      // "name"
  const char* header;  // "姓名"
  double width;
};
std::span<const ExportColumn> MemberExportColumns();
// Index into MemberExportColumns() of the column with `id`.
std::optional<size_t> FindExportColumn(std::string_view id);

// The members as sheet "党员名册" with the given columns (indexes into MemberExportColumns())
// in that order. ID numbers and phones are masked unless `unmasked`. Branch and group names
// and codes come from `roster`; ages and party ages are as of `today`.
Result<std::string> WriteMemberExport(const std::vector<Member>& members,
                                      std::span<const size_t> columns, const Roster& roster,
                                      Date today, bool unmasked);

// The date in a cell of a roster: an Excel date number, or text in one of the forms that
// ReadMemberImport accepts. nullopt when it is neither.
std::optional<Date> ParseSheetDate(std::string_view text, bool is_number, bool date1904);

}  // namespace dj
