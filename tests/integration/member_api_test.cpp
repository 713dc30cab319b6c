// The member routes through the real server: search (filters, sorting, paging), the file with
// and without masking, create, update, transfer, delete and batch create.
#include <gtest/gtest.h>

#include <set>

#include "common/id_number.h"
#include "integration/test_server.h"

namespace dj::integration {
namespace {

using nlohmann::json;

std::string Str(int64_t n) { return std::to_string(n); }

std::vector<int64_t> IdsOf(const json& items) {
  std::vector<int64_t> ids;
  for (const json& item : items) ids.push_back(item["id"].get<int64_t>());
  return ids;
}

int64_t StatusCount(const json& stats, const char* status) {
  for (const json& item : stats["by_status"]) {
    if (item["key"] == status) return item["count"].get<int64_t>();
  }
  return -1;
}

int64_t LeftThisYear(const json& stats, const char* status) {
  for (const json& item : stats["left_this_year"]) {
    if (item["key"] == status) return item["count"].get<int64_t>();
  }
  return -1;
}

// Digits to their full-width forms (U+FF10..U+FF19), as people type them with a Chinese IME.
std::string FullWidthDigits(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      out += "\xEF\xBC";
      out += static_cast<char>(0x90 + (c - '0'));
    } else {
      out += c;
    }
  }
  return out;
}

// --- Reads, on one server for the whole suite.

class MemberReadTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = TestServer::Start();
    total_ = server_->ReadState().members;
  }
  static void TearDownTestSuite() { server_.reset(); }

  void SetUp() override { api_ = std::make_unique<Api>(server_->port(), server_->admin_token()); }

  json GetData(const std::string& target) {
    ApiReply reply = api_->Get(target);
    EXPECT_EQ(reply.status, 200) << target << ": " << reply;
    return reply.data();
  }

  // Every member that `query` finds, page by page.
  std::vector<json> All(const std::string& query) {
    std::vector<json> out;
    for (int page = 1;; ++page) {
      json found = GetData("/api/members?page_size=200&page=" + std::to_string(page) + "&" + query);
      for (const json& m : found["items"]) out.push_back(m);
      if (found["items"].size() < 200) break;
    }
    return out;
  }

  int64_t Total(const std::string& query) {
    return GetData("/api/members?page_size=1&" + query)["total"].get<int64_t>();
  }

  static inline std::unique_ptr<TestServer> server_;
  static inline int64_t total_ = 0;
  std::unique_ptr<Api> api_;
};

TEST_F(MemberReadTest, SearchDefaultsToEveryoneUnderTheRootFirstPageOf20) {
  json found = GetData("/api/members");
  EXPECT_EQ(found["total"], total_);
  EXPECT_EQ(found["page"], 1);
  EXPECT_EQ(found["page_size"], 20);
  EXPECT_EQ(found["items"].size(), 20u);
  EXPECT_GT(total_, 600);
}

TEST_F(MemberReadTest, PagesKeepTheTotalAndNeverOverlap) {
  for (const char* sort : {"sort=id", "sort=name", "sort=birth_date&order=desc",
                           "sort=probationary_date", "sort=full_date"}) {
    SCOPED_TRACE(sort);
    std::set<int64_t> seen;
    const int page_size = 70;
    int pages = 0;
    for (int page = 1;; ++page) {
      json found = GetData("/api/members?page_size=" + std::to_string(page_size) +
                           "&page=" + std::to_string(page) + "&" + sort);
      EXPECT_EQ(found["total"], total_);
      EXPECT_EQ(found["page"], page);
      EXPECT_EQ(found["page_size"], page_size);
      for (int64_t id : IdsOf(found["items"])) {
        EXPECT_TRUE(seen.insert(id).second) << "member " << id << " again on page " << page;
      }
      if (found["items"].size() < static_cast<size_t>(page_size)) break;
      ++pages;
    }
    EXPECT_EQ(static_cast<int64_t>(seen.size()), total_);
    EXPECT_EQ(pages, total_ / page_size);
  }
  json beyond = GetData("/api/members?page=1000&page_size=200");
  EXPECT_EQ(beyond["total"], total_);
  EXPECT_EQ(beyond["page"], 1000);
  EXPECT_EQ(beyond["items"], json::array());
}

TEST_F(MemberReadTest, PageSizeGoesUpTo200) {
  json found = GetData("/api/members?page_size=200");
  EXPECT_EQ(found["page_size"], 200);
  EXPECT_EQ(found["items"].size(), 200u);
  EXPECT_EQ(GetData("/api/members?page_size=1")["items"].size(), 1u);
}

TEST_F(MemberReadTest, NameFilterMatchesPartOfTheName) {
  for (const char* part : {"张", "%E5%BC%A0", "新华"}) {
    SCOPED_TRACE(part);
    std::vector<json> found = All(std::string("name=") + part);
    ASSERT_FALSE(found.empty());
    EXPECT_LT(static_cast<int64_t>(found.size()), total_);
    std::string text = std::string(part) == "新华" ? "新华" : "张";
    for (const json& m : found) {
      EXPECT_NE(m["name"].get<std::string>().find(text), std::string::npos) << m["name"];
    }
  }
  EXPECT_EQ(Total("name=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84"), 0);  // 不存在的
}

TEST_F(MemberReadTest, StatusFilterTakesOneOrMoreStatuses) {
  int64_t sum = 0;
  for (const char* status : {"probationary", "full", "transferred_out", "deceased", "lapsed"}) {
    SCOPED_TRACE(status);
    std::vector<json> found = All(std::string("status=") + status);
    EXPECT_FALSE(found.empty());
    for (const json& m : found) EXPECT_EQ(m["status"], status);
    sum += static_cast<int64_t>(found.size());
  }
  EXPECT_EQ(sum, total_);
  std::vector<json> left = All("status=transferred_out&status=deceased,lapsed");
  EXPECT_EQ(static_cast<int64_t>(left.size()),
            Total("status=transferred_out") + Total("status=deceased") + Total("status=lapsed"));
  for (const json& m : left) {
    EXPECT_NE(m["status"], "full");
    EXPECT_NE(m["status"], "probationary");
    EXPECT_TRUE(m["left_date"].is_string());
  }
}

TEST_F(MemberReadTest, CategoryFilterKeepsOneCategory) {
  int64_t sum = 0;
  for (const char* category : {"in_service", "retired", "student", "other"}) {
    SCOPED_TRACE(category);
    std::vector<json> found = All(std::string("category=") + category);
    for (const json& m : found) EXPECT_EQ(m["category"], category);
    sum += static_cast<int64_t>(found.size());
  }
  EXPECT_EQ(sum, total_);
  EXPECT_GT(Total("category=retired"), 0);
}

TEST_F(MemberReadTest, SubtreeFilterKeepsMembersBelowTheNode) {
  std::set<int64_t> branches;  // of kOrganCommittee
  for (const json& child : GetData("/api/orgs/" + Str(kOrganCommittee) + "/children")) {
    branches.insert(child["id"].get<int64_t>());
  }
  std::vector<json> found = All("subtree=" + Str(kOrganCommittee));
  ASSERT_FALSE(found.empty());
  int64_t sum = 0;
  for (int64_t branch : branches) sum += Total("subtree=" + Str(branch));
  EXPECT_EQ(static_cast<int64_t>(found.size()), sum);
  for (const json& m : found) EXPECT_TRUE(branches.count(m["branch_id"].get<int64_t>())) << m;
  // A group holds the members placed in it.
  for (const json& m : All("subtree=" + Str(kGroup))) EXPECT_EQ(m["group_id"], kGroup);
  EXPECT_EQ(Total("subtree=" + Str(kRoot)), total_);
}

TEST_F(MemberReadTest, AgeRangeIsInclusive) {
  std::vector<json> found = All("age_min=30&age_max=40");
  ASSERT_FALSE(found.empty());
  for (const json& m : found) {
    EXPECT_GE(m["age"].get<int>(), 30);
    EXPECT_LE(m["age"].get<int>(), 40);
  }
  EXPECT_EQ(static_cast<int64_t>(found.size()) + Total("age_max=29") + Total("age_min=41"), total_);
  for (const json& m : All("age_min=35&age_max=35")) EXPECT_EQ(m["age"], 35);
  EXPECT_EQ(Total("age_min=0&age_max=150"), total_);
  EXPECT_EQ(Total("age_min=50&age_max=40"), 0);
}

// Every figure of the statistics opens the list behind it (the dashboard's drill-down): the
// search with the slice's filter finds exactly as many members as the figure says.
TEST_F(MemberReadTest, EveryStatisticsFigureMatchesTheSearchBehindIt) {
  for (int64_t node : {kRoot, kOrganCommittee}) {
    SCOPED_TRACE(node);
    json stats = GetData("/api/orgs/" + Str(node) + "/stats");
    std::string base = "subtree=" + Str(node) + "&status=probationary,full";
    EXPECT_EQ(Total(base), stats["total"]);
    struct Slice {
      const char* figures;
      const char* parameter;
    };
    for (Slice slice : {Slice{"by_gender", "gender"}, Slice{"by_education", "education"},
                        Slice{"by_category", "category"}, Slice{"by_age_band", "age_band"},
                        Slice{"by_party_age_band", "party_age_band"}}) {
      SCOPED_TRACE(slice.parameter);
      int64_t nonzero = 0;
      for (const json& item : stats[slice.figures]) {
        std::string key =
            item["key"].is_string() ? item["key"].get<std::string>() : item["key"].dump();
        EXPECT_EQ(Total(base + "&" + slice.parameter + "=" + key), item["count"]) << key;
        if (item["count"].get<int64_t>() > 0) ++nonzero;
      }
      EXPECT_GE(nonzero, 2);
    }
  }
  for (const json& m : All("gender=female&education=master,doctorate&age_band=1")) {
    EXPECT_EQ(m["gender"], "female");
    EXPECT_TRUE(m["education"] == "master" || m["education"] == "doctorate") << m;
    EXPECT_GE(m["age"].get<int>(), 31);
    EXPECT_LE(m["age"].get<int>(), 35);
  }
  for (const json& m : All("party_age_band=0")) {
    EXPECT_TRUE(m["full_date"].is_string()) << m;
    EXPECT_LE(m["party_age"].get<int>(), 5);
  }
  EXPECT_EQ(api_->Get("/api/members?gender=x").status, 400);
  EXPECT_EQ(api_->Get("/api/members?education=phd").status, 400);
  EXPECT_EQ(api_->Get("/api/members?age_band=8").status, 400);
  EXPECT_EQ(api_->Get("/api/members?party_age_band=-1").status, 400);
}

TEST_F(MemberReadTest, FiltersCombine) {
  std::vector<json> found =
      All("subtree=" + Str(kOrganCommittee) + "&status=full&category=in_service&age_min=40");
  ASSERT_FALSE(found.empty());
  for (const json& m : found) {
    EXPECT_EQ(m["status"], "full");
    EXPECT_EQ(m["category"], "in_service");
    EXPECT_GE(m["age"].get<int>(), 40);
  }
  EXPECT_LT(found.size(), All("subtree=" + Str(kOrganCommittee)).size());
}

TEST_F(MemberReadTest, SortAndOrderApplyAcrossTheWholeResult) {
  struct Case {
    const char* query;
    const char* field;
    bool descending;
  };
  const Case cases[] = {
      {"sort=id", "id", false},
      {"sort=id&order=desc", "id", true},
      {"sort=birth_date", "birth_date", false},
      {"sort=birth_date&order=desc", "birth_date", true},
      {"sort=probationary_date&order=asc", "probationary_date", false},
      {"sort=probationary_date&order=desc", "probationary_date", true},
      {"sort=full_date", "full_date", false},
      {"sort=full_date&order=desc", "full_date", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.query);
    std::vector<json> found = All(c.query);
    ASSERT_EQ(static_cast<int64_t>(found.size()), total_);
    std::vector<json> values;
    for (const json& m : found) {
      if (!m[c.field].is_null()) values.push_back(m[c.field]);
    }
    EXPECT_GT(values.size(), found.size() / 2);
    for (size_t i = 1; i < values.size(); ++i) {
      if (c.descending) {
        ASSERT_GE(values[i - 1], values[i]) << "at " << i;
      } else {
        ASSERT_LE(values[i - 1], values[i]) << "at " << i;
      }
    }
  }
  std::vector<json> by_name = All("sort=name");
  std::vector<json> by_name_desc = All("order=desc");
  ASSERT_EQ(by_name.size(), by_name_desc.size());
  EXPECT_NE(by_name.front()["id"], by_name_desc.front()["id"]);
  EXPECT_EQ(GetData("/api/members?page_size=50")["items"],
            GetData("/api/members?sort=name&order=asc&page_size=50")["items"]);
}

TEST_F(MemberReadTest, DetailShowsTheIdNumberAndPhoneThatListsMask) {
  json list = GetData("/api/members?sort=id&page_size=5&subtree=" + Str(kBranch));
  ASSERT_EQ(list["items"].size(), 5u);
  for (const json& listed : list["items"]) {
    SCOPED_TRACE(listed["id"].dump());
    json detail = GetData("/api/members/" + listed["id"].dump());
    std::string id_number = detail["id_number"];
    std::string phone = detail["phone"];
    ASSERT_EQ(id_number.size(), 18u);
    EXPECT_EQ(id_number.find('*'), std::string::npos);
    EXPECT_TRUE(CheckIdNumber(id_number).info.has_value());
    EXPECT_EQ(listed["id_number"], MaskIdNumber(id_number));
    EXPECT_EQ(listed["id_number"].get<std::string>().substr(6, 8), "********");
    ASSERT_EQ(phone.size(), 11u);
    EXPECT_EQ(listed["phone"], phone.substr(0, 3) + "****" + phone.substr(7));
    json unmasked = listed;
    unmasked["id_number"] = id_number;
    unmasked["phone"] = phone;
    EXPECT_EQ(detail, unmasked);
  }
}

TEST_F(MemberReadTest, DetailHasEveryFieldWithLabelsAndAges) {
  json m = GetData("/api/members/1");
  std::set<std::string> keys;
  for (const auto& item : m.items()) keys.insert(item.key());
  EXPECT_EQ(keys, (std::set<std::string>{"id",
                                         "name",
                                         "gender",
                                         "gender_label",
                                         "ethnicity",
                                         "birth_date",
                                         "age",
                                         "id_number",
                                         "education",
                                         "education_label",
                                         "phone",
                                         "probationary_date",
                                         "full_date",
                                         "party_age",
                                         "status",
                                         "status_label",
                                         "left_date",
                                         "category",
                                         "category_label",
                                         "branch_id",
                                         "branch_name",
                                         "group_id",
                                         "group_name",
                                         "post"}));
  EXPECT_EQ(m["id"], 1);
  EXPECT_EQ(m["branch_id"], kBranch);
  EXPECT_EQ(m["branch_name"], kBranchName);
  Date birth = D(m["birth_date"].get<std::string>());
  EXPECT_EQ(m["age"], FullYearsBetween(birth, Today()));
  if (m["status"] == "full") {
    EXPECT_EQ(m["status_label"], "正式党员");
    EXPECT_EQ(m["party_age"], FullYearsBetween(D(m["full_date"].get<std::string>()), Today()));
  }
  // A probationary member has no party age yet (DZ-22-2).
  json probationary = GetData("/api/members?status=probationary&page_size=1")["items"][0];
  EXPECT_TRUE(probationary["party_age"].is_null());
  EXPECT_TRUE(probationary["full_date"].is_null());
  EXPECT_EQ(probationary["status_label"], "预备党员");
}

TEST_F(MemberReadTest, HistoryOfAMemberWhoNeverMovedIsOneOpenPeriod) {
  json history = GetData("/api/members/1/history");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0]["branch_id"], kBranch);
  EXPECT_EQ(history[0]["branch_name"], kBranchName);
  EXPECT_TRUE(history[0]["to"].is_null());
  json member = GetData("/api/members/1");
  EXPECT_EQ(history[0]["group_id"], member["group_id"]);
  EXPECT_GE(history[0]["from"], member["probationary_date"]);
}

// --- Writes, each on a fresh server.

class MemberWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = TestServer::Start();
    api_ = std::make_unique<Api>(server_->port(), server_->admin_token());
    initial_ = server_->ReadState();
  }

  json GetData(const std::string& target) {
    ApiReply reply = api_->Get(target);
    EXPECT_EQ(reply.status, 200) << target << ": " << reply;
    return reply.data();
  }

  json Stats(int64_t node, const std::string& as_of) {
    return GetData("/api/orgs/" + Str(node) + "/stats?as_of=" + as_of);
  }

  // A full member of `branch` who is nobody's secretary and has been in the branch since before
  // `since`.
  json SettledMember(int64_t branch, const std::string& since) {
    std::set<json> secretaries;
    for (int64_t node = 1; node <= kNodeCount; ++node) {
      secretaries.insert(GetData("/api/orgs/" + Str(node))["secretary_id"]);
    }
    json found = GetData("/api/members?status=full&sort=id&page_size=200&subtree=" + Str(branch));
    for (const json& m : found["items"]) {
      if (secretaries.count(m["id"])) continue;
      json history = GetData("/api/members/" + m["id"].dump() + "/history");
      if (history.size() == 1 && history[0]["from"].get<std::string>() < since) return m;
    }
    ADD_FAILURE() << "no settled member in " << branch;
    return {};
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<Api> api_;
  StoreState initial_;
};

TEST_F(MemberWriteTest, CreateAnswers201WithTheWholeFile) {
  json stats_before = Stats(kBranch, "2026-06-15");
  json body = ValidMember();
  ApiReply reply = api_->Post("/api/members", body);
  ASSERT_EQ(reply.status, 201) << reply;
  json created = reply.data();
  ASSERT_TRUE(created["id"].is_number_integer());
  std::string id = created["id"].dump();

  json expected = body;
  expected["id"] = created["id"];
  expected["gender_label"] = "男";
  expected["age"] = 36;
  expected["education_label"] = "大学本科";
  expected["party_age"] = 9;
  expected["status_label"] = "正式党员";
  expected["left_date"] = nullptr;
  expected["category_label"] = "在职";
  expected["branch_name"] = kBranchName;
  expected["group_id"] = nullptr;
  expected["group_name"] = nullptr;
  EXPECT_EQ(created, expected);
  EXPECT_EQ(GetData("/api/members/" + id), created);

  json listed = GetData("/api/members?name=%E6%B5%8B%E8%AF%95%E5%85%9A%E5%91%98");  // 测试党员
  ASSERT_EQ(listed["total"], 1);
  EXPECT_EQ(listed["items"][0]["id_number"], MaskIdNumber(body["id_number"].get<std::string>()));
  EXPECT_EQ(listed["items"][0]["phone"], "138****8000");

  json history = GetData("/api/members/" + id + "/history");
  EXPECT_EQ(history, json::parse(R"([{"branch_id": 6, "branch_name": "省委办公厅办公室党支部",
      "group_id": null, "group_name": null, "from": "2015-07-01", "to": null}])"));
  EXPECT_EQ(Stats(kBranch, "2026-06-15")["total"], stats_before["total"].get<int64_t>() + 1);

  StoreState after = server_->ReadState();
  EXPECT_EQ(after.audit_head, initial_.audit_head + 1);
  EXPECT_EQ(after.members, initial_.members + 1);
  EXPECT_EQ(after.periods, initial_.periods + 1);
  EXPECT_EQ(after.nodes, initial_.nodes);
}

TEST_F(MemberWriteTest, CreateStartsTheMembershipOnBranchSince) {
  json before = Stats(kBranch, "2019-12-31"), on = Stats(kBranch, "2020-01-01");
  json body = ValidMember();
  body["branch_since"] = "2020-01-01";
  body["group_id"] = kGroup;
  ApiReply reply = api_->Post("/api/members", body);
  ASSERT_EQ(reply.status, 201) << reply;
  EXPECT_EQ(reply.data()["group_id"], kGroup);
  EXPECT_EQ(reply.data()["group_name"], "第一党小组");
  EXPECT_FALSE(reply.data().contains("branch_since"));
  json history = GetData("/api/members/" + reply.data()["id"].dump() + "/history");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0]["from"], "2020-01-01");
  EXPECT_EQ(history[0]["group_id"], kGroup);
  // Counted in the branch from that day on, not before.
  EXPECT_EQ(Stats(kBranch, "2019-12-31"), before);
  EXPECT_EQ(Stats(kBranch, "2020-01-01")["total"], on["total"].get<int64_t>() + 1);
}

TEST_F(MemberWriteTest, CreateNormalisesWhatPeopleType) {
  // A check character X typed in lower case, full-width digits, stray spaces.
  std::string id_number;
  for (int sequence = 1; sequence < 999; sequence += 2) {
    id_number = MakeIdNumber(D("1990-03-15"), sequence);
    if (id_number.back() == 'X') break;
  }
  ASSERT_EQ(id_number.back(), 'X');
  json body = ValidMember();
  std::string typed = id_number;
  typed.back() = 'x';
  body["id_number"] = FullWidthDigits(typed);
  body["phone"] = FullWidthDigits("13800138000");
  body["name"] = " 测试党员　";
  ApiReply reply = api_->Post("/api/members", body);
  ASSERT_EQ(reply.status, 201) << reply;
  EXPECT_EQ(reply.data()["id_number"], id_number);
  EXPECT_EQ(reply.data()["phone"], "13800138000");
  EXPECT_EQ(reply.data()["name"], "测试党员");
}

TEST_F(MemberWriteTest, CreateAcceptsAdmissionOnThe18thBirthday) {
  json body = ValidMember();
  body["probationary_date"] = "2008-03-15";
  body["full_date"] = "2009-03-15";
  ApiReply reply = api_->Post("/api/members", body);
  EXPECT_EQ(reply.status, 201) << reply;
}

TEST_F(MemberWriteTest, UpdateChangesOnlyTheFieldsSent) {
  json before = GetData("/api/members/1");
  ApiReply reply = api_->Put("/api/members/1", {{"phone", "13911112222"}, {"post", "处长"}});
  ASSERT_EQ(reply.status, 200) << reply;
  json expected = before;
  expected["phone"] = "13911112222";
  expected["post"] = "处长";
  EXPECT_EQ(reply.data(), expected);
  EXPECT_EQ(GetData("/api/members/1"), expected);
  StoreState after = server_->ReadState();
  EXPECT_EQ(after.audit_head, initial_.audit_head + 1);
  EXPECT_EQ(after.periods, initial_.periods);
}

TEST_F(MemberWriteTest, UpdateThatChangesNothingWritesNothing) {
  json before = GetData("/api/members/1");
  ApiReply reply = api_->Put("/api/members/1", {{"name", before["name"]}});
  ASSERT_EQ(reply.status, 200) << reply;
  EXPECT_EQ(reply.data(), before);
  EXPECT_EQ(server_->ReadState(), initial_);
}

TEST_F(MemberWriteTest, UpdateMovesTheMemberBetweenGroupsOfTheBranch) {
  ApiReply reply = api_->Put("/api/members/1", {{"group_id", 8}});
  ASSERT_EQ(reply.status, 200) << reply;
  EXPECT_EQ(reply.data()["group_name"], "第二党小组");
  json history = GetData("/api/members/1/history");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0]["group_id"], 8);
  ApiReply out = api_->Put("/api/members/1", {{"group_id", nullptr}});
  ASSERT_EQ(out.status, 200) << out;
  EXPECT_TRUE(GetData("/api/members/1")["group_id"].is_null());
}

TEST_F(MemberWriteTest, LeavingClosesThePeriodAndRejoiningReopensIt) {
  json member = SettledMember(kOtherBranch, "2026-01-01");
  std::string id = member["id"].dump();
  json on_the_day = Stats(kOtherBranch, "2026-06-01");
  json day_before = Stats(kOtherBranch, "2026-05-31");

  ApiReply left =
      api_->Put("/api/members/" + id, {{"status", "transferred_out"}, {"left_date", "2026-06-01"}});
  ASSERT_EQ(left.status, 200) << left;
  EXPECT_EQ(left.data()["status_label"], "已转出");
  json history = GetData("/api/members/" + id + "/history");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0]["to"], "2026-06-01");
  EXPECT_EQ(Stats(kOtherBranch, "2026-05-31"), day_before);
  json after = Stats(kOtherBranch, "2026-06-01");
  EXPECT_EQ(after["total"], on_the_day["total"].get<int64_t>() - 1);
  EXPECT_EQ(LeftThisYear(after, "transferred_out"),
            LeftThisYear(on_the_day, "transferred_out") + 1);

  ApiReply back = api_->Put("/api/members/" + id, {{"status", "full"}, {"left_date", nullptr}});
  ASSERT_EQ(back.status, 200) << back;
  history = GetData("/api/members/" + id + "/history");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_TRUE(history[0]["to"].is_null());
  EXPECT_EQ(Stats(kOtherBranch, "2026-06-01"), on_the_day);
  EXPECT_EQ(server_->ReadState().audit_head, initial_.audit_head + 2);
}

TEST_F(MemberWriteTest, TransferKeepsTheOldPeriodAndCountsTheMemberInTheNewBranchFromTheDate) {
  json member = SettledMember(kBranch, "2026-01-01");
  std::string id = member["id"].dump();
  const std::string day_before = "2026-04-30", date = "2026-05-01";
  json old_before = Stats(kOrganCommittee, day_before), old_on = Stats(kOrganCommittee, date);
  json new_before = Stats(kOtherCommittee, day_before), new_on = Stats(kOtherCommittee, date);
  json root_on = Stats(kRoot, date);
  json old_history = GetData("/api/members/" + id + "/history");

  ApiReply reply = api_->Post("/api/members/" + id + "/transfer",
                              {{"to_branch_id", kOtherBranch}, {"date", date}});
  ASSERT_EQ(reply.status, 200) << reply;
  json expected = GetData("/api/members/" + id);
  EXPECT_EQ(reply.data(), expected);
  EXPECT_EQ(expected["branch_id"], kOtherBranch);
  EXPECT_EQ(expected["branch_name"], "省发展和改革委员会办公室党支部");
  EXPECT_TRUE(expected["group_id"].is_null());

  json history = GetData("/api/members/" + id + "/history");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0]["branch_id"], kBranch);
  EXPECT_EQ(history[0]["from"], old_history[0]["from"]);
  EXPECT_EQ(history[0]["to"], date);
  EXPECT_EQ(history[1]["branch_id"], kOtherBranch);
  EXPECT_EQ(history[1]["from"], date);
  EXPECT_TRUE(history[1]["to"].is_null());

  EXPECT_EQ(Stats(kOrganCommittee, day_before), old_before);
  EXPECT_EQ(Stats(kOrganCommittee, date)["total"], old_on["total"].get<int64_t>() - 1);
  EXPECT_EQ(Stats(kOtherCommittee, day_before), new_before);
  EXPECT_EQ(Stats(kOtherCommittee, date)["total"], new_on["total"].get<int64_t>() + 1);
  EXPECT_EQ(Stats(kRoot, date)["total"], root_on["total"]);
  EXPECT_EQ(StatusCount(Stats(kOtherCommittee, date), "full"), StatusCount(new_on, "full") + 1);

  StoreState after = server_->ReadState();
  EXPECT_EQ(after.audit_head, initial_.audit_head + 1);
  EXPECT_EQ(after.periods, initial_.periods + 1);
}

TEST_F(MemberWriteTest, TransferIntoAGroupOfTheNewBranch) {
  json member = SettledMember(kBranch, "2026-01-01");
  ApiReply reply =
      api_->Post("/api/members/" + member["id"].dump() + "/transfer",
                 {{"to_branch_id", 46}, {"to_group_id", kForeignGroup}, {"date", "2026-06-15"}});
  ASSERT_EQ(reply.status, 200) << reply;
  EXPECT_EQ(reply.data()["branch_id"], 46);
  EXPECT_EQ(reply.data()["group_id"], kForeignGroup);
  json history = GetData("/api/members/" + member["id"].dump() + "/history");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1]["group_id"], kForeignGroup);
  EXPECT_EQ(history[1]["from"], "2026-06-15");
}

TEST_F(MemberWriteTest, DeleteRemovesTheFileAndItsHistory) {
  json member = SettledMember(kOtherBranch, "2026-01-01");
  std::string id = member["id"].dump();
  int64_t branch_total = Stats(kOtherBranch, "2026-06-15")["total"].get<int64_t>();

  ApiReply reply = api_->Delete("/api/members/" + id);
  ASSERT_EQ(reply.status, 200) << reply;
  EXPECT_EQ(reply.data(), json({{"id", member["id"]}}));
  for (const std::string& target : {"/api/members/" + id, "/api/members/" + id + "/history"}) {
    ApiReply gone = api_->Get(target);
    EXPECT_EQ(gone.status, 404) << gone;
    EXPECT_EQ(gone.error(), "member.not_found");
    EXPECT_EQ(gone.message(), "党员 " + id + " 不存在");
  }
  EXPECT_EQ(Stats(kOtherBranch, "2026-06-15")["total"], branch_total - 1);
  EXPECT_EQ(GetData("/api/members?page_size=1")["total"], initial_.members - 1);
  StoreState after = server_->ReadState();
  EXPECT_EQ(after.audit_head, initial_.audit_head + 1);
  EXPECT_EQ(after.members, initial_.members - 1);
  EXPECT_EQ(after.periods, initial_.periods - 1);
}

TEST_F(MemberWriteTest, DeletingASecretaryLeavesTheirNodeWithoutOne) {
  json node = GetData("/api/orgs/" + Str(kBranch));
  ASSERT_TRUE(node["secretary_id"].is_number_integer());
  std::string secretary = node["secretary_id"].dump();
  ApiReply reply = api_->Delete("/api/members/" + secretary);
  ASSERT_EQ(reply.status, 200) << reply;
  EXPECT_TRUE(GetData("/api/orgs/" + Str(kBranch))["secretary_id"].is_null());
  // The member's deletion and the node's lost secretary are both in the audit log.
  EXPECT_EQ(server_->ReadState().audit_head, initial_.audit_head + 2);
  // The node can be edited as usual afterwards.
  EXPECT_EQ(api_->Put("/api/orgs/" + Str(kBranch), {{"committee_size", 3}}).status, 200);
}

TEST_F(MemberWriteTest, BatchCreatesEveryRow) {
  json first = ValidMember(901);
  json second = ValidMember(903);
  second["name"] = "测试党员二";
  second["branch_since"] = "2020-01-01";
  second["group_id"] = kGroup;
  json third = ValidMember(905);
  third["name"] = "测试党员三";
  third["status"] = "probationary";
  third["probationary_date"] = "2026-01-10";
  third.erase("full_date");
  third["branch_id"] = kOtherBranch;
  ApiReply reply = api_->Post("/api/members/batch", {{"members", {first, second, third}}});
  ASSERT_EQ(reply.status, 201) << reply;
  EXPECT_EQ(reply.data()["created"], 3);
  ASSERT_EQ(reply.data()["ids"].size(), 3u);
  std::vector<json> rows = {first, second, third};
  for (size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    json m = GetData("/api/members/" + reply.data()["ids"][i].dump());
    EXPECT_EQ(m["name"], rows[i]["name"]);
    EXPECT_EQ(m["id_number"], rows[i]["id_number"]);
    EXPECT_EQ(m["branch_id"], rows[i]["branch_id"]);
  }
  json history = GetData("/api/members/" + reply.data()["ids"][1].dump() + "/history");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0]["from"], "2020-01-01");
  EXPECT_EQ(history[0]["group_id"], kGroup);
  StoreState after = server_->ReadState();
  EXPECT_EQ(after.audit_head, initial_.audit_head + 3);
  EXPECT_EQ(after.members, initial_.members + 3);
  EXPECT_EQ(after.periods, initial_.periods + 3);
}

}  // namespace
}  // namespace dj::integration
