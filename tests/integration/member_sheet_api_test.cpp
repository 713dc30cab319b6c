// The roster as a spreadsheet through the real server: the import template, imports that are
// refused row by row without writing anything, imports that write every row, and exports read
// back as real .xlsx files.
#include <gtest/gtest.h>

#include <map>

#include "exchange/sheet_test_support.h"
#include "http/api/member_sheet_controller.h"
#include "integration/test_server.h"
#include "office/xlsx_reader.h"

namespace dj::integration {
namespace {

using nlohmann::json;

std::string Str(int64_t n) { return std::to_string(n); }

// Every row of the first sheet of `bytes`, as text by column letter index.
std::vector<std::map<int, std::string>> Rows(const std::string& bytes) {
  return dj::testing::ReadBack(bytes);
}

class MemberSheetApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = TestServer::Start();
    api_ = std::make_unique<Api>(server_->port(), server_->admin_token());
  }

  // A new member of the branch with `code`, with a fresh ID number (odd `sequence`: male).
  static json Row(int sequence, const std::string& code = "") {
    json m = ValidMember(sequence);
    m.erase("branch_id");
    m.erase("status");
    m["branch_code"] = code;
    return m;
  }

  std::string BranchCode() { return api_->Get("/api/orgs/" + Str(kBranch)).data()["code"]; }

  ApiReply Import(const std::string& bytes, Api* api = nullptr) {
    return (api ? api : api_.get())
        ->Send("POST", "/api/members/import", bytes, http::kXlsxContentType);
  }

  int64_t Total(const std::string& query) {
    return api_->Get("/api/members?page_size=1&" + query).data()["total"].get<int64_t>();
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<Api> api_;
};

TEST_F(MemberSheetApiTest, TemplateIsAnXlsxWithTheHeaderToFillIn) {
  ApiReply reply = api_->Get("/api/members/import/template");
  ASSERT_EQ(reply.status, 200) << reply;
  EXPECT_EQ(reply.Header("Content-Type"), http::kXlsxContentType);
  EXPECT_NE(reply.Header("Content-Disposition").find("filename*=UTF-8''"), std::string::npos);
  auto rows = Rows(reply.body);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][4], "身份证号*");
  EXPECT_EQ(rows[0][10], "所在支部编码*");
}

TEST_F(MemberSheetApiTest, AValidRosterIsWrittenWholeWithAnAuditEntryPerMember) {
  StoreState before = server_->ReadState();
  int64_t in_branch = Total("status=full,probationary&subtree=" + Str(kBranch));
  std::string code = BranchCode();
  json probationary = Row(903, code);
  probationary["full_date"] = nullptr;
  probationary["probationary_date"] = "2026-01-05";
  ApiReply reply = Import(RosterWorkbook({Row(901, code), Row(905, code), probationary}));
  ASSERT_EQ(reply.status, 201) << reply;
  EXPECT_EQ(reply.data(), json({{"created", 3}}));
  StoreState after = server_->ReadState();
  EXPECT_EQ(after.members, before.members + 3);
  EXPECT_EQ(after.periods, before.periods + 3);
  EXPECT_GE(after.audit_head, before.audit_head + 3);
  EXPECT_EQ(Total("status=full,probationary&subtree=" + Str(kBranch)), in_branch + 3);
  json found = api_->Get("/api/members?status=probationary&name=测试党员").data();
  ASSERT_EQ(found["total"], 1);
  EXPECT_EQ(found["items"][0]["probationary_date"], "2026-01-05");
  EXPECT_EQ(found["items"][0]["branch_id"], kBranch);
}

TEST_F(MemberSheetApiTest, AnyBadRowRefusesTheWholeFileAndListsEveryProblem) {
  std::string code = BranchCode();
  json bad_check = Row(907, code);
  std::string id = bad_check["id_number"];
  id.back() = id.back() == '0' ? '1' : '0';
  bad_check["id_number"] = id;
  json on_file = Row(909, code);
  json someone = api_->Get("/api/members/" + Str(server_->ReadState().members)).data();
  for (const char* field : {"id_number", "birth_date", "gender"}) on_file[field] = someone[field];
  json unknown_branch = Row(911, "NO-SUCH-BRANCH");
  json young = Row(913, code);
  young["probationary_date"] = "2001-01-01";  // aged 10
  StoreState before = server_->ReadState();
  ApiReply reply = Import(
      RosterWorkbook({Row(901, code), bad_check, Row(901, code), unknown_branch, young, on_file}));
  ASSERT_EQ(reply.status, 400) << reply;
  EXPECT_EQ(reply.error(), "import.invalid_rows");
  EXPECT_NE(reply.message().find("未导入任何数据"), std::string::npos) << reply;
  EXPECT_EQ(reply.data()["rows"], 6);
  std::vector<std::tuple<int, std::string, std::string>> got;
  for (const json& e : reply.data()["errors"]) {
    got.emplace_back(e["row"].get<int>(), e["column"].get<std::string>(),
                     e["error"].get<std::string>());
    EXPECT_FALSE(e["message"].get<std::string>().empty()) << e;
    EXPECT_FALSE(e["header"].get<std::string>().empty()) << e;
  }
  EXPECT_EQ(got, (std::vector<std::tuple<int, std::string, std::string>>{
                     {3, "E", "id_number_invalid"},
                     {4, "E", "duplicate_in_batch"},
                     {5, "K", "branch_not_found"},
                     {6, "H", "under_age"},
                     {7, "E", "id_number_duplicate"}}))
      << reply;
  EXPECT_EQ(reply.data()["error_count"], 5);
  EXPECT_EQ(server_->ReadState(), before);
}

TEST_F(MemberSheetApiTest, RowsOutsideTheScopeReadAsUnknownCodes) {
  std::string token = server_->CreateAccount("sheet-unit", {{0, 0, Role::kUnitAdmin, kUnit1}});
  Api unit(server_->port(), token);
  std::string other = api_->Get("/api/orgs/" + Str(kOtherBranch)).data()["code"];
  StoreState before = server_->ReadState();
  ApiReply outside = Import(RosterWorkbook({Row(901, BranchCode()), Row(903, other)}), &unit);
  ApiReply missing = Import(RosterWorkbook({Row(901, BranchCode()), Row(903, "NO-SUCH")}), &unit);
  ASSERT_EQ(outside.status, 400) << outside;
  ASSERT_EQ(missing.status, 400) << missing;
  json a = outside.data()["errors"][0], b = missing.data()["errors"][0];
  EXPECT_EQ(a["error"], "branch_not_found");
  EXPECT_EQ(a["error"], b["error"]);
  EXPECT_EQ(a["row"], b["row"]);
  EXPECT_EQ(server_->ReadState(), before);
  EXPECT_EQ(Import(RosterWorkbook({Row(901, BranchCode())}), &unit).status, 201);
}

TEST_F(MemberSheetApiTest, FilesThatAreNotRostersAreRefusedClearly) {
  StoreState before = server_->ReadState();
  ApiReply wrong_type = api_->Send("POST", "/api/members/import", "x", "text/csv");
  EXPECT_EQ(wrong_type.status, 415) << wrong_type;
  ApiReply not_xlsx = Import("PK\x03\x04 this is not a zip");
  EXPECT_EQ(not_xlsx.status, 400);
  EXPECT_EQ(not_xlsx.error(), "import.not_xlsx");
  ApiReply empty = Import(RosterWorkbook({}));
  EXPECT_EQ(empty.error(), "import.empty") << empty;
  EXPECT_EQ(server_->ReadState(), before);
}

TEST_F(MemberSheetApiTest, ExportHoldsTheFilteredMembersInTheChosenColumns) {
  std::string query = "subtree=" + Str(kUnit1) + "&status=full&sort=birth_date";
  int64_t total = Total(query);
  ASSERT_GT(total, 10);
  ApiReply reply =
      api_->Get("/api/members/export?" + query + "&columns=name,id_number,birth_date,branch_name");
  ASSERT_EQ(reply.status, 200) << reply;
  EXPECT_EQ(reply.Header("Content-Type"), http::kXlsxContentType);
  auto rows = Rows(reply.body);
  ASSERT_EQ(static_cast<int64_t>(rows.size()), total + 1);
  EXPECT_EQ(rows[0], (std::map<int, std::string>{
                         {0, "姓名"}, {1, "身份证号"}, {2, "出生日期"}, {3, "所在支部"}}));
  json first = api_->Get("/api/members?page_size=1&" + query).data()["items"][0];
  json file = api_->Get("/api/members/" + Str(first["id"].get<int64_t>())).data();
  EXPECT_EQ(rows[1][0], file["name"]);
  EXPECT_EQ(rows[1][1], file["id_number"]);  // the committee admin may write: unmasked
  EXPECT_EQ(DateFromExcelSerialText(rows[1][2], false)->ToString(), file["birth_date"]);
  EXPECT_EQ(rows[1][3], file["branch_name"]);
  for (size_t i = 2; i < rows.size(); ++i) {
    ASSERT_LE(std::stod(rows[i - 1][2]), std::stod(rows[i][2])) << "sorted by birth date";
  }
  // An auditor reads, but may not write: ID numbers masked.
  std::string token = server_->CreateAccount("sheet-auditor", {{0, 0, Role::kAuditor, kRoot}});
  Api auditor(server_->port(), token);
  ApiReply masked = auditor.Get("/api/members/export?" + query + "&columns=id_number");
  ASSERT_EQ(masked.status, 200) << masked;
  EXPECT_EQ(Rows(masked.body)[1][0], MaskIdNumber(file["id_number"].get<std::string>()));
  ApiReply bad_column = api_->Get("/api/members/export?columns=name,password");
  EXPECT_EQ(bad_column.status, 400);
  EXPECT_EQ(bad_column.data()["fields"][0]["error"], "request.invalid_choice") << bad_column;
  ApiReply paged = api_->Get("/api/members/export?page=2");
  EXPECT_EQ(paged.data()["fields"][0]["error"], "request.unknown_parameter") << paged;
}

TEST_F(MemberSheetApiTest, ExportedRosterImportsBackAsTheSameMembers) {
  // Export a branch, delete nothing, and import it into a fresh branch after changing the ID
  // numbers: the import reads what the export wrote (dates, labels, codes).
  ApiReply exported = api_->Get(
      "/api/members/export?status=full,probationary&subtree=" + Str(kOtherBranch) +
      "&columns=name,gender,ethnicity,birth_date,id_number,education,phone,probationary_date,"
      "full_date,category,branch_code,post");
  ASSERT_EQ(exported.status, 200);
  auto rows = Rows(exported.body);
  ASSERT_GT(rows.size(), 1u);
  ApiReply again = Import(exported.body);
  ASSERT_EQ(again.status, 400) << again;  // every ID number is already on file
  ASSERT_EQ(again.error(), "import.invalid_rows") << again;
  EXPECT_EQ(again.data()["error_count"], static_cast<int64_t>(rows.size() - 1));
  for (const json& e : again.data()["errors"]) EXPECT_EQ(e["error"], "id_number_duplicate") << e;
}

}  // namespace
}  // namespace dj::integration
