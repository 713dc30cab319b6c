// Organisational life through the real server: recording from a template, validation with
// nothing written, review (return, fix, accept) and the reminder that follows it, votes,
// attachments, compliance with drill-down to the records, rules and the calendar.
#include <gtest/gtest.h>

#include <regex>

#include "integration/test_server.h"
#include "office/xlsx_reader.h"

namespace dj::integration {
namespace {

using nlohmann::json;

std::string Str(int64_t n) { return std::to_string(n); }

class LifeApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = TestServer::Start();
    admin_ = std::make_unique<Api>(server_->port(), server_->admin_token());
    secretary_ = std::make_unique<Api>(
        server_->port(),
        server_->CreateAccount("life-secretary", {{0, 0, Role::kBranchSecretary, kBranch}}));
    unit_admin_ = std::make_unique<Api>(
        server_->port(), server_->CreateAccount("life-unit", {{0, 0, Role::kUnitAdmin, kUnit1}}));
    ApiReply members =
        admin_->Get("/api/members?subtree=" + Str(kBranch) + "&status=full&page_size=200&sort=id");
    for (const json& m : members.data()["items"]) roll_.push_back(m["id"].get<int64_t>());
    ApiReply other =
        admin_->Get("/api/members?subtree=" + Str(kOtherBranch) + "&status=full&page_size=1");
    outsider_ = other.data()["items"][0]["id"].get<int64_t>();
  }
  static void TearDownTestSuite() {
    secretary_.reset();
    unit_admin_.reset();
    admin_.reset();
    server_.reset();
  }

  // A branch assembly of kBranch today: everyone present but the last member (sick).
  static json Assembly() {
    json attendees = json::array();
    for (size_t i = 0; i + 1 < roll_.size(); ++i) attendees.push_back(roll_[i]);
    return {{"node_id", kBranch},
            {"type", "branch_assembly"},
            {"date", Today().ToString()},
            {"start_time", "14:30"},
            {"duration_minutes", 120},
            {"place", "三楼会议室"},
            {"host", "支部书记"},
            {"recorder", "组织委员"},
            {"topics", {{{"title", "学习传达上级会议精神"}, {"first_agenda", true}}}},
            {"attendees", attendees},
            {"absences", {{{"member_id", roll_.back()}, {"reason", "sick"}, {"note", ""}}}},
            {"minutes", "会议按议程进行。"}};
  }

  static inline std::unique_ptr<TestServer> server_;
  static inline std::unique_ptr<Api> admin_, secretary_, unit_admin_;
  static inline std::vector<int64_t> roll_;
  static inline int64_t outsider_ = 0;
};

TEST_F(LifeApiTest, RecordFromTheTemplateAndReadItBack) {
  ApiReply templates = secretary_->Get("/api/life/templates");
  ASSERT_EQ(templates.status, 200) << templates;
  json assembly_template;
  for (const json& t : templates.data()["items"]) {
    if (t["type"] == "branch_assembly") assembly_template = t;
  }
  ASSERT_TRUE(assembly_template.is_object());
  EXPECT_EQ(assembly_template["rule"], "ZB-18-5");
  EXPECT_EQ(assembly_template["node_kinds"], json({"branch"}));

  json body = Assembly();
  body["topics"] = assembly_template["topics"];
  ASSERT_GE(roll_.size(), 3u);
  ApiReply created = secretary_->Post("/api/meetings", body);
  ASSERT_EQ(created.status, 201) << created;
  const json& m = created.data();
  EXPECT_EQ(m["status"], "submitted");
  EXPECT_EQ(m["start_time"], "14:30");
  EXPECT_EQ(m["present"], roll_.size() - 1);
  EXPECT_GE(m["expected"].get<size_t>(), roll_.size());
  EXPECT_EQ(m["absences"][0]["reason_label"], "病假");
  EXPECT_FALSE(m["absences"][0]["name"].get<std::string>().empty());
  EXPECT_EQ(m["branch_name"], kBranchName);

  ApiReply read = secretary_->Get("/api/meetings/" + Str(m["id"].get<int64_t>()));
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.data(), m);

  ApiReply list = secretary_->Get("/api/meetings?node=" + Str(kBranch) +
                                  "&type=branch_assembly&from=" + Today().ToString());
  ASSERT_EQ(list.status, 200) << list;
  bool found = false;
  for (const json& item : list.data()["items"]) found = found || item["id"] == m["id"];
  EXPECT_TRUE(found) << list;
}

TEST_F(LifeApiTest, BadRecordsAreRefusedWithEveryProblemAndNothingWritten) {
  StoreState before = server_->ReadState();
  json body = Assembly();
  body["attendees"].push_back(outsider_);
  body["date"] = Today().AddDays(1).ToString();
  body["start_time"] = "25:00";
  body["absences"][0]["reason"] = "holiday";
  ApiReply reply = secretary_->Post("/api/meetings", body);
  ASSERT_EQ(reply.status, 400) << reply;
  EXPECT_EQ(reply.error(), "validation_failed");
  std::vector<std::string> fields;
  for (const json& f : reply.data()["fields"]) fields.push_back(f["field"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"start_time", "absences.reason"}));
  EXPECT_EQ(server_->ReadState(), before);

  body["start_time"] = "09:00";
  body["absences"][0]["reason"] = "official";
  reply = secretary_->Post("/api/meetings", body);
  ASSERT_EQ(reply.status, 400) << reply;
  fields.clear();
  for (const json& f : reply.data()["fields"]) fields.push_back(f["error"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"date_in_future", "attendee_not_member"}));
  EXPECT_EQ(server_->ReadState(), before);
}

TEST_F(LifeApiTest, ReturnFixAndAcceptClearsTheReminder) {
  ApiReply created = secretary_->Post("/api/meetings", Assembly());
  ASSERT_EQ(created.status, 201) << created;
  const int64_t id = created.data()["id"];
  const std::string at = "/api/meetings/" + Str(id);

  // The branch secretary cannot review their own records.
  EXPECT_EQ(secretary_->Post(at + "/review", {{"decision", "accept"}}).status, 403);
  ApiReply no_reason = unit_admin_->Post(at + "/review", {{"decision", "return"}});
  EXPECT_EQ(no_reason.status, 400);
  ApiReply returned =
      unit_admin_->Post(at + "/review", {{"decision", "return"}, {"reason", "缺少会议照片"}});
  ASSERT_EQ(returned.status, 200) << returned;
  EXPECT_EQ(returned.data()["status"], "returned");

  auto reminder_for = [&](int64_t meeting) {
    ApiReply r = secretary_->Get("/api/life/reminders?kind=meeting_returned&limit=1000");
    EXPECT_EQ(r.status, 200) << r;
    for (const json& item : r.data()["items"]) {
      if (item["meeting_id"] == meeting) return true;
    }
    return false;
  };
  EXPECT_TRUE(reminder_for(id));
  ApiReply detail = secretary_->Get(at);
  EXPECT_EQ(detail.data()["return_reason"], "缺少会议照片");

  json fixed = Assembly();
  fixed["minutes"] = "会议按议程进行，照片见附件。";
  ApiReply put = secretary_->Put(at, fixed);
  ASSERT_EQ(put.status, 200) << put;
  EXPECT_EQ(put.data()["status"], "submitted");
  EXPECT_EQ(put.data()["return_reason"], "");
  EXPECT_FALSE(reminder_for(id));

  ASSERT_EQ(unit_admin_->Post(at + "/review", {{"decision", "accept"}}).status, 200);
  ApiReply locked = secretary_->Put(at, fixed);
  EXPECT_EQ(locked.status, 409);
  EXPECT_EQ(locked.error(), "meeting.accepted");
  EXPECT_EQ(secretary_->Delete(at).error(), "meeting.accepted");
}

TEST_F(LifeApiTest, AssemblyVotesCheckTheQuorum) {
  json body = Assembly();
  body["attendees"] = json::array({roll_[0]});
  body["absences"] = json::array();
  body["votes"] = {{{"motion", "接收预备党员"}, {"yes", 1}, {"no", 0}, {"abstain", 0}}};
  ApiReply reply = secretary_->Post("/api/meetings", body);
  ASSERT_EQ(reply.status, 400) << reply;
  EXPECT_EQ(reply.data()["fields"][0]["error"], "vote_no_quorum");

  body = Assembly();
  int present = static_cast<int>(body["attendees"].size());
  body["votes"] = {{{"motion", "接收预备党员"}, {"yes", present}, {"no", 0}, {"abstain", 0}}};
  reply = secretary_->Post("/api/meetings", body);
  ASSERT_EQ(reply.status, 201) << reply;
  const json& vote = reply.data()["votes"][0];
  EXPECT_GE(vote["eligible"].get<int>(), present);
  EXPECT_EQ(vote["passed"], present * 2 > vote["eligible"].get<int>());
}

TEST_F(LifeApiTest, AttachmentsKeepTheirBytesAndRefuseOtherTypes) {
  ApiReply created = secretary_->Post("/api/meetings", Assembly());
  ASSERT_EQ(created.status, 201);
  const std::string at =
      "/api/meetings/" + Str(created.data()["id"].get<int64_t>()) + "/attachments";
  std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(1000, '\x01');
  ApiReply added = secretary_->Send("POST", at + "?name=%E7%85%A7%E7%89%87.png", png, "image/png");
  ASSERT_EQ(added.status, 201) << added;
  EXPECT_EQ(added.data()["name"], "照片.png");
  EXPECT_EQ(added.data()["size"], png.size());
  ApiReply file = secretary_->Get(at + "/" + Str(added.data()["id"].get<int64_t>()));
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, png);
  EXPECT_EQ(file.Header("Content-Type"), "image/png");

  StoreState before = server_->ReadState();
  ApiReply mismatch = secretary_->Send("POST", at + "?name=x.pdf", png, "application/pdf");
  EXPECT_EQ(mismatch.status, 415);
  EXPECT_EQ(mismatch.error(), "attachment.type_mismatch");
  ApiReply gif = secretary_->Send("POST", at + "?name=x.gif", "GIF89a", "image/gif");
  EXPECT_EQ(gif.status, 415);
  EXPECT_EQ(gif.error(), "attachment.type_not_allowed");
  EXPECT_EQ(server_->ReadState(), before);
}

TEST_F(LifeApiTest, ComplianceRollsUpAndDrillsDownToTheRecords) {
  ApiReply created = secretary_->Post("/api/meetings", Assembly());
  ASSERT_EQ(created.status, 201);
  ApiReply root = admin_->Get("/api/life/compliance?node=" + Str(kRoot) + "&period=quarter");
  ASSERT_EQ(root.status, 200) << root;
  const json& summary = root.data()["summary"];
  int64_t branches = summary["branches"];
  EXPECT_GT(branches, 0);
  int64_t children_branches = 0;
  for (const json& c : root.data()["children"]) children_branches += c["branches"].get<int64_t>();
  EXPECT_EQ(children_branches, branches);
  for (const json& r : summary["by_rule"]) {
    int64_t sum = 0;
    for (const char* s : {"met", "missing", "due_soon", "pending", "not_applicable"}) {
      sum += r[s].get<int64_t>();
    }
    EXPECT_EQ(sum, branches) << r;
  }
  bool lecture_unverified = false;
  for (const json& r : root.data()["rules"]) {
    if (r["id"] == "ZB-18-9") lecture_unverified = r["unverified"];
  }
  EXPECT_TRUE(lecture_unverified);

  ApiReply branch =
      secretary_->Get("/api/life/compliance/branch/" + Str(kBranch) + "?period=quarter");
  ASSERT_EQ(branch.status, 200) << branch;
  bool found = false;
  for (const json& c : branch.data()["checks"]) {
    if (c["rule"] != "ZB-18-5") continue;
    EXPECT_EQ(c["state"], "met");
    for (const json& m : c["meetings"]) found = found || m["id"] == created.data()["id"];
  }
  EXPECT_TRUE(found) << branch;

  // At the committee only the listed (non-compliant) branches' checks carry messages, and the
  // units are listed when their party body does not fit their size (JG-19-1/2).
  for (const json& b : root.data()["branches"]) EXPECT_FALSE(b["compliant"].get<bool>()) << b;
  ASSERT_EQ(root.data()["unit_rules"].size(), 2u);
  EXPECT_EQ(root.data()["unit_rules"][0]["id"], "JG-19-1");
  int64_t units = summary["units"];
  EXPECT_GT(units, 0);
  EXPECT_EQ(static_cast<int64_t>(root.data()["units"].size()),
            units - summary["units_compliant"].get<int64_t>());
  for (const json& u : root.data()["units"]) {
    EXPECT_FALSE(u["compliant"].get<bool>()) << u;
    bool explained = false;
    for (const json& c : u["checks"]) {
      if (c["state"] == "missing") explained = !c["message"].get<std::string>().empty();
    }
    EXPECT_TRUE(explained) << u;
  }

  ApiReply unit = unit_admin_->Get("/api/life/compliance?period=year");
  ASSERT_EQ(unit.status, 200) << unit;
  EXPECT_EQ(unit.data()["node"]["id"], kUnit1);
  EXPECT_EQ(unit.data()["branches"].size(), unit.data()["summary"]["branches"].get<size_t>());
  ASSERT_EQ(unit.data()["units"].size(), 1u);  // at a unit, the unit itself
  EXPECT_EQ(unit.data()["units"][0]["id"], kUnit1);
  EXPECT_EQ(unit.data()["units"][0]["checks"].size(), 2u);
  ApiReply bad = admin_->Get("/api/life/compliance?period=quarter&index=5");
  EXPECT_EQ(bad.status, 400);
}

TEST_F(LifeApiTest, RulesCiteTheirSourcesAndUnverifiedOnesNoArticle) {
  ApiReply rules = secretary_->Get("/api/life/rules");
  ASSERT_EQ(rules.status, 200);
  const std::regex article("第[一二三四五六七八九十百零0-9]+条");
  int unverified = 0;
  for (const json& r : rules.data()["items"]) {
    if (!r["unverified"].get<bool>()) continue;
    ++unverified;
    EXPECT_FALSE(std::regex_search(r["source"].get<std::string>(), article)) << r;
  }
  EXPECT_GT(unverified, 0);
  // Before the earliest regulation (党费规定 2008) nothing is in force; in 2017 the 2014 and
  // 2008 rules are, but not the 2018 branch regulation.
  EXPECT_EQ(secretary_->Get("/api/life/rules?date=2007-12-31").data()["items"].size(), 0u);
  bool zb = false;
  ApiReply in_2017 = secretary_->Get("/api/life/rules?date=2017-01-01");
  for (const json& r : in_2017.data()["items"]) {
    zb = zb || r["id"] == "ZB-18-6";
  }
  EXPECT_FALSE(zb);
}

TEST_F(LifeApiTest, CalendarListsObligationsAndRecords) {
  ApiReply cal = secretary_->Get("/api/life/calendar?node=" + Str(kBranch));
  ASSERT_EQ(cal.status, 200) << cal;
  bool obligation = false;
  for (const json& item : cal.data()["items"]) {
    obligation = obligation || item["kind"] == "obligation" || item["kind"] == "meeting";
  }
  EXPECT_TRUE(obligation) << cal;
  ApiReply too_long = secretary_->Get("/api/life/calendar?from=2026-01-01&to=2027-06-01");
  EXPECT_EQ(too_long.status, 400);
}

TEST_F(LifeApiTest, LedgersAreViewsOfTheRecords) {
  ApiReply created = secretary_->Post("/api/meetings", Assembly());
  ASSERT_EQ(created.status, 201);
  const std::string year = std::to_string(Today().year());
  ApiReply xlsx = secretary_->Get("/api/life/ledger?node=" + Str(kBranch) + "&year=" + year);
  ASSERT_EQ(xlsx.status, 200) << xlsx.message();
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  // The first sheet is the summary: its title names the branch and year.
  Result<std::unique_ptr<XlsxReader>> book = XlsxReader::Open(xlsx.body);
  ASSERT_TRUE(book.ok()) << book.error().message;
  std::string title;
  ASSERT_TRUE((*book)
                  ->ReadRows([&](int, std::span<const XlsxReadCell> cells) {
                    if (!cells.empty()) title = std::string(cells.front().text);
                    return false;
                  })
                  .ok());
  EXPECT_EQ(title, std::string(kBranchName) + " " + year + "年组织生活台账");
  ApiReply docx =
      secretary_->Get("/api/life/ledger?format=docx&node=" + Str(kBranch) + "&year=" + year);
  ASSERT_EQ(docx.status, 200);
  EXPECT_EQ(docx.body.substr(0, 2), "PK");
  EXPECT_NE(docx.Header("Content-Disposition").find(".docx"), std::string::npos);

  ApiReply study = admin_->Get("/api/life/ledger?node=" + Str(kOrganCommittee));
  EXPECT_EQ(study.status, 200) << study.message();
  ApiReply group = admin_->Get("/api/life/ledger?node=" + Str(kRoot));
  EXPECT_EQ(group.status, 400);
  EXPECT_EQ(group.error(), "ledger.node_kind");
}

}  // namespace
}  // namespace dj::integration
