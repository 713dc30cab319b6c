#include "http/api/member_sheet_controller.h"

#include <nlohmann/json.hpp>
#include <string>

#include "exchange/member_sheet.h"
#include "http/api/access.h"
#include "http/api/api_support.h"
#include "http/api/member_controller.h"
#include "http/api/sheet_answer.h"
#include "http/envelope.h"

namespace dj::http {

using nlohmann::json;

void AddMemberSheetRoutes(Router& router, MemberService& members, const Roster& roster,
                          const Clock& clock) {
  router.Add(
      Method::kGet, "/api/members/import/template",
      [](Request& request) -> Result<Response> {
        DJ_RETURN_IF_ERROR(QueryReader(request).Finish());
        DJ_ASSIGN_OR_RETURN(std::string bytes, MemberImportTemplate());
        return XlsxFile(std::move(bytes), "member-import-template.xlsx", "党员导入模板.xlsx");
      },
      RouteAccess{"member.write"});

  router.Add(
      Method::kPost, "/api/members/import",
      [&members, &roster](Request& request) -> Result<Response> {
        DJ_RETURN_IF_ERROR(QueryReader(request).Finish());
        DJ_RETURN_IF_ERROR(RequireXlsxBody(request));
        NodeCodeLookup lookup = [&](std::string_view code) -> std::optional<NodeId> {
          std::optional<NodeId> id = roster.FindNodeByCode(std::string(code));
          if (!id || !Authorize(request, *id).ok()) return std::nullopt;
          return id;
        };
        DJ_ASSIGN_OR_RETURN(MemberImport import,
                            ReadMemberImport(request.body(), lookup, kMaxImportRows));
        if (!import.problems.empty()) {
          // Check the rows that were read too, so one answer lists every problem.
          DJ_ASSIGN_OR_RETURN(std::vector<FieldError> more, members.CheckMany(import.members));
          AddFieldProblems(import, more);
          return InvalidRows(request, import.rows, import.problems);
        }
        const size_t count = import.members.size();
        Result<std::vector<Member>> created =
            members.CreateMany(WriteContextOf(request), std::move(import.members));
        if (!created.ok()) {
          if (created.error().key != "validation_failed") return created.error();
          AddFieldProblems(import, created.error().fields);
          return InvalidRows(request, import.rows, import.problems);
        }
        return JsonOk({{"created", count}}, 201);
      },
      RouteAccess{"member.write", AccessTarget::kBody}, kMaxImportBytes);

  router.Add(
      Method::kGet, "/api/members/export",
      [&members, &roster, &clock](Request& request) -> Result<Response> {
        QueryReader in(request);
        MemberQuery query = ReadMemberFilters(in, request, roster);
        std::vector<size_t> columns;
        std::vector<std::string> asked = in.List("columns");
        for (const std::string& id : asked) {
          if (std::optional<size_t> column = FindExportColumn(id)) {
            columns.push_back(*column);
          } else {
            std::string choices;
            for (const ExportColumn& c : MemberExportColumns()) {
              choices += (choices.empty() ? "" : "、") + std::string(c.id);
            }
            in.AddError("columns", id, "request.invalid_choice",
                        "参数 columns 的取值 " + id + " 无效，可选：" + choices);
          }
        }
        if (asked.empty()) {
          for (size_t i = 0; i < MemberExportColumns().size(); ++i) columns.push_back(i);
        }
        DJ_RETURN_IF_ERROR(in.Finish());
        query.offset = 0;
        query.limit = INT64_MAX;
        DJ_ASSIGN_OR_RETURN(MemberSearchResult found, members.Search(query));
        bool unmasked = true;
        for (NodeId node :
             query.within.empty() ? std::vector<NodeId>{query.subtree} : query.within) {
          unmasked = unmasked && MayWriteMembersUnder(request, node);
        }
        DJ_ASSIGN_OR_RETURN(std::string bytes, WriteMemberExport(found.members, columns, roster,
                                                                 clock.Today(), unmasked));
        return XlsxFile(std::move(bytes), "members.xlsx", "党员名册.xlsx");
      },
      RouteAccess{"member.read", AccessTarget::kQuerySubtree});
}

}  // namespace dj::http
