// The organisation routes through the real server: health, the tree reads, statistics, and
// create / update / move / delete of nodes.
#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <set>

#include "integration/test_server.h"

namespace dj::integration {
namespace {

using nlohmann::json;

std::vector<int64_t> IdsOf(const json& nodes) {
  std::vector<int64_t> ids;
  for (const json& node : nodes) ids.push_back(node["id"].get<int64_t>());
  return ids;
}

// The count under `key` in a stats breakdown list.
int64_t CountOf(const json& list, const json& key) {
  for (const json& item : list) {
    if (item["key"] == key) return item["count"].get<int64_t>();
  }
  ADD_FAILURE() << "no key " << key << " in " << list;
  return -1;
}

int64_t SumOf(const json& list) {
  int64_t sum = 0;
  for (const json& item : list) sum += item["count"].get<int64_t>();
  return sum;
}

constexpr const char* kBreakdowns[] = {"by_status",      "by_gender",    "by_category",
                                       "by_education",   "by_age_band",  "by_party_age_band",
                                       "left_this_year", "nodes_by_kind"};

// --- Reads, on one server for the whole suite (none of these tests changes the tree or the
// members).

class OrgReadTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = TestServer::Start(); }
  static void TearDownTestSuite() { server_.reset(); }

  void SetUp() override { api_ = std::make_unique<Api>(server_->port(), server_->admin_token()); }

  json GetData(const std::string& target) {
    ApiReply reply = api_->Get(target);
    EXPECT_EQ(reply.status, 200) << target << ": " << reply;
    EXPECT_EQ(reply.envelope["code"], 0) << reply;
    EXPECT_EQ(reply.envelope["message"], "") << reply;
    return reply.data();
  }

  json Stats(int64_t node, const std::string& as_of = "") {
    std::string target = "/api/orgs/" + std::to_string(node) + "/stats";
    if (!as_of.empty()) target += "?as_of=" + as_of;
    return GetData(target);
  }

  static inline std::unique_ptr<TestServer> server_;
  std::unique_ptr<Api> api_;
};

TEST_F(OrgReadTest, DemoHasTheNodesTheTestsName) {
  struct Case {
    int64_t id;
    const char* kind;
    json parent_id;
    const char* name;
  };
  const Case cases[] = {
      {kRoot, "committee", nullptr, kRootName},
      {kZone1, "zone", kRoot, "第一协作区"},
      {kUnit1, "unit", kZone1, "省委办公厅"},
      {kOrganCommittee, "organ_committee", kUnit1, kOrganCommitteeName},
      {kBranch, "branch", kOrganCommittee, kBranchName},
      {kGroup, "group", kBranch, "第一党小组"},
      {kLastBranchOfOrganCommittee, "branch", kOrganCommittee, "省委办公厅离退休干部党支部"},
      {kUnit2, "unit", kZone1, "省发展和改革委员会"},
      {kOtherCommittee, "organ_committee", kUnit2, "省发展和改革委员会机关党委"},
      {kOtherBranch, "branch", kOtherCommittee, "省发展和改革委员会办公室党支部"},
      {kForeignGroup, "group", 46, "第一党小组"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.id);
    json node = GetData("/api/orgs/" + std::to_string(c.id));
    EXPECT_EQ(node["kind"], c.kind);
    EXPECT_EQ(node["parent_id"], c.parent_id);
    EXPECT_EQ(node["name"], c.name);
  }
  EXPECT_EQ(GetData("/api/health")["nodes"], kNodeCount);
  EXPECT_TRUE(GetData("/api/orgs/" + std::to_string(kOtherBranch) + "/children").empty());
}

TEST_F(OrgReadTest, HealthReportsStatusVersionAndNodeCount) {
  ApiReply reply = api_->Get("/api/health");
  ASSERT_EQ(reply.status, 200) << reply;
  EXPECT_EQ(reply.envelope,
            json({{"code", 0},
                  {"message", ""},
                  {"data", {{"status", "ok"}, {"version", AppVersion()}, {"nodes", kNodeCount}}}}));
  EXPECT_EQ(reply.Header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_FALSE(reply.Header("X-Request-Id").empty());
}

TEST_F(OrgReadTest, RootIsTheCommitteeAsASummary) {
  json root = GetData("/api/orgs/root");
  EXPECT_EQ(root["id"], kRoot);
  EXPECT_EQ(root["kind"], "committee");
  EXPECT_EQ(root["kind_label"], "机关工委");
  EXPECT_EQ(root["name"], kRootName);
  EXPECT_EQ(root["code"], "HB");
  EXPECT_TRUE(root["parent_id"].is_null());
  EXPECT_EQ(root["has_children"], true);
  EXPECT_EQ(root["members"], 0);
}

TEST_F(OrgReadTest, GetReturnsEveryFieldOfTheNode) {
  json node = GetData("/api/orgs/" + std::to_string(kBranch));
  std::set<std::string> keys;
  for (const auto& item : node.items()) keys.insert(item.key());
  EXPECT_EQ(keys, (std::set<std::string>{"id", "kind", "kind_label", "name", "code", "parent_id",
                                         "sort_order", "term_start", "term_end", "secretary_id",
                                         "committee_size"}));
  EXPECT_EQ(node["id"], kBranch);
  EXPECT_EQ(node["kind"], "branch");
  EXPECT_EQ(node["kind_label"], "党支部");
  EXPECT_EQ(node["code"], "HB-U001-B001");
  EXPECT_EQ(node["parent_id"], kOrganCommittee);
  EXPECT_EQ(node["sort_order"], 1);
  ASSERT_TRUE(node["term_start"].is_string());
  ASSERT_TRUE(node["term_end"].is_string());
  EXPECT_LT(node["term_start"].get<std::string>(), node["term_end"].get<std::string>());
  EXPECT_TRUE(node["secretary_id"].is_number_integer());
}

TEST_F(OrgReadTest, ChildrenAreSummariesInDisplayOrder) {
  json children = GetData("/api/orgs/" + std::to_string(kOrganCommittee) + "/children");
  std::vector<int64_t> expected;
  for (int64_t id = kBranch; id <= kLastBranchOfOrganCommittee; ++id) {
    if (id < kGroup || id > 10) expected.push_back(id);  // 7..10 are groups of kBranch
  }
  EXPECT_EQ(IdsOf(children), expected);
  int previous_order = 0;
  for (const json& child : children) {
    SCOPED_TRACE(child["id"].dump());
    EXPECT_GT(child["sort_order"].get<int>(), previous_order);
    previous_order = child["sort_order"].get<int>();
    EXPECT_EQ(child["parent_id"], kOrganCommittee);
    EXPECT_EQ(child["has_children"], child["id"] == kBranch);
    // "members": active members placed in the node itself (its groups included).
    json found =
        GetData("/api/members?status=probationary,full&page_size=1&subtree=" + child["id"].dump());
    EXPECT_EQ(child["members"], found["total"]);
  }
  EXPECT_EQ(IdsOf(GetData("/api/orgs/1/children")), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(IdsOf(GetData("/api/orgs/" + std::to_string(kBranch) + "/children")),
            (std::vector<int64_t>{7, 8, 9, 10}));
  EXPECT_EQ(GetData("/api/orgs/" + std::to_string(kGroup) + "/children"), json::array());
}

TEST_F(OrgReadTest, PathRunsFromTheRootDownToTheNode) {
  EXPECT_EQ(IdsOf(GetData("/api/orgs/" + std::to_string(kGroup) + "/path")),
            (std::vector<int64_t>{kRoot, kZone1, kUnit1, kOrganCommittee, kBranch, kGroup}));
  EXPECT_EQ(IdsOf(GetData("/api/orgs/1/path")), (std::vector<int64_t>{kRoot}));
  json path = GetData("/api/orgs/" + std::to_string(kBranch) + "/path");
  ASSERT_EQ(path.size(), 5u);
  EXPECT_EQ(path[4]["name"], kBranchName);  // full nodes, not summaries
  EXPECT_FALSE(path[4].contains("has_children"));
}

TEST_F(OrgReadTest, StatsBreakdownsAddUpToTheTotal) {
  for (int64_t node : {kRoot, kZone1, kOrganCommittee, kBranch, kGroup, kOtherBranch}) {
    SCOPED_TRACE(node);
    json stats = Stats(node);
    EXPECT_EQ(stats["node_id"], node);
    int64_t total = stats["total"].get<int64_t>();
    if (node != kGroup) {
      EXPECT_GT(total, 0);
    }
    for (const char* list :
         {"by_status", "by_gender", "by_category", "by_education", "by_age_band"}) {
      EXPECT_EQ(SumOf(stats[list]), total) << list;
    }
    EXPECT_EQ(SumOf(stats["by_party_age_band"]), CountOf(stats["by_status"], "full"));
  }
  json root = Stats(kRoot);
  EXPECT_EQ(SumOf(root["nodes_by_kind"]), kNodeCount);
  EXPECT_EQ(CountOf(root["nodes_by_kind"], "committee"), 1);
  EXPECT_EQ(CountOf(root["nodes_by_kind"], "zone"), 2);
  EXPECT_EQ(CountOf(root["nodes_by_kind"], "unit"), 6);
  // Everyone on the rolls today is an active member somewhere in the tree.
  json active = GetData("/api/members?status=probationary,full&page_size=1");
  EXPECT_EQ(root["total"], active["total"]);
  json probationary = GetData("/api/members?status=probationary&page_size=1");
  EXPECT_EQ(CountOf(root["by_status"], "probationary"), probationary["total"]);
  json retired = GetData("/api/members?status=probationary,full&category=retired&page_size=1");
  EXPECT_EQ(CountOf(root["by_category"], "retired"), retired["total"]);
}

TEST_F(OrgReadTest, StatsOfANodeAreTheSumOfItsChildren) {
  // Members sit only in branches and groups, so above the branches every count is the sum of
  // the children's counts; nodes_by_kind adds the node itself.
  for (int64_t node : {kRoot, kZone1, int64_t{3}, kUnit1, kOrganCommittee, kUnit2, int64_t{44}}) {
    for (const std::string as_of : {"", "2020-01-01"}) {
      SCOPED_TRACE("node " + std::to_string(node) + " as_of " + as_of);
      json parent = Stats(node, as_of);
      json children = GetData("/api/orgs/" + std::to_string(node) + "/children");
      ASSERT_FALSE(children.empty());
      int64_t total = 0;
      std::map<std::string, std::map<std::string, int64_t>> sums;
      for (const json& child : children) {
        json stats = Stats(child["id"].get<int64_t>(), as_of);
        total += stats["total"].get<int64_t>();
        for (const char* list : kBreakdowns) {
          for (const json& item : stats[list]) {
            sums[list][item["key"].dump()] += item["count"].get<int64_t>();
          }
        }
      }
      sums["nodes_by_kind"][json(GetData("/api/orgs/" + std::to_string(node))["kind"]).dump()] += 1;
      EXPECT_EQ(parent["total"], total);
      for (const char* list : kBreakdowns) {
        for (const json& item : parent[list]) {
          EXPECT_EQ(item["count"], sums[list][item["key"].dump()]) << list << " " << item["key"];
        }
      }
    }
  }
}

TEST_F(OrgReadTest, StatsAsOfDefaultsToToday) {
  json by_default = Stats(kRoot);
  EXPECT_EQ(by_default["as_of"], "2026-06-15");
  EXPECT_EQ(Stats(kRoot, "2026-06-15"), by_default);
}

TEST_F(OrgReadTest, StatsAsOfBeforeAnyoneJoinedCountNobody) {
  json stats = Stats(kRoot, "1940-01-01");
  EXPECT_EQ(stats["as_of"], "1940-01-01");
  EXPECT_EQ(stats["total"], 0);
  for (const char* list : kBreakdowns) {
    if (std::string(list) == "nodes_by_kind") continue;  // the tree as it is today
    EXPECT_EQ(SumOf(stats[list]), 0) << list;
  }
  EXPECT_EQ(SumOf(stats["nodes_by_kind"]), kNodeCount);
}

// Stats on past dates, recomputed from every member's membership history.
TEST_F(OrgReadTest, StatsAsOfMatchMembershipHistories) {
  std::vector<json> members;
  for (int page = 1;; ++page) {
    json found = GetData("/api/members?sort=id&page_size=200&page=" + std::to_string(page));
    for (const json& m : found["items"]) members.push_back(m);
    if (found["items"].size() < 200) break;
  }
  ASSERT_EQ(static_cast<int64_t>(members.size()), server_->ReadState().members);
  std::map<int64_t, std::vector<int64_t>> ancestors;  // branch -> path ids
  struct Period {
    int64_t branch;
    std::string from, to;  // to "" while open
    std::string full_date;
  };
  std::vector<Period> periods;
  int moved = 0;
  for (const json& m : members) {
    json history = GetData("/api/members/" + m["id"].dump() + "/history");
    ASSERT_FALSE(history.empty());
    if (history.size() > 1) ++moved;
    for (const json& p : history) {
      int64_t branch = p["branch_id"].get<int64_t>();
      if (!ancestors.count(branch)) {
        ancestors[branch] = IdsOf(GetData("/api/orgs/" + std::to_string(branch) + "/path"));
      }
      periods.push_back({branch, p["from"], p["to"].is_null() ? "" : p["to"].get<std::string>(),
                         m["full_date"].is_null() ? "" : m["full_date"].get<std::string>()});
    }
  }
  EXPECT_GT(moved, 0) << "the demo should have members who moved between branches";
  for (int64_t node :
       {kRoot, kOrganCommittee, int64_t{11}, int64_t{14}, int64_t{23}, int64_t{46}, int64_t{56}}) {
    for (const char* as_of :
         {"1940-01-01", "2015-01-01", "2023-09-27", "2024-01-01", "2025-08-10", "2026-06-15"}) {
      SCOPED_TRACE(std::to_string(node) + " as of " + as_of);
      int64_t total = 0, full = 0;
      for (const Period& p : periods) {
        const std::vector<int64_t>& path = ancestors[p.branch];
        if (std::find(path.begin(), path.end(), node) == path.end()) continue;
        if (p.from > as_of || (!p.to.empty() && p.to <= as_of)) continue;
        ++total;
        if (!p.full_date.empty() && p.full_date <= as_of) ++full;
      }
      json stats = Stats(node, as_of);
      EXPECT_EQ(stats["total"], total);
      EXPECT_EQ(CountOf(stats["by_status"], "full"), full);
      EXPECT_EQ(CountOf(stats["by_status"], "probationary"), total - full);
    }
  }
}

// The home page's overview agrees with the statistics, the member search and the nodes
// themselves: every warning holds for its node, and the paged list holds them all.
TEST_F(OrgReadTest, OverviewWarningsHoldForTheirNodesAndPageThroughAll) {
  json overview = GetData("/api/orgs/1/overview");
  EXPECT_EQ(overview["stats"], Stats(1));
  EXPECT_EQ(overview["branch_count"], CountOf(Stats(1)["nodes_by_kind"], "branch"));
  const json& largest = overview["branches_by_size"];
  ASSERT_EQ(largest.size(), 10u);
  for (size_t i = 1; i < largest.size(); ++i) {
    EXPECT_GE(largest[i - 1]["members"], largest[i]["members"]);
  }
  for (const json& b : largest) {
    EXPECT_EQ(b["members"], Stats(b["id"].get<int64_t>())["total"]) << b;
  }
  std::string today = Stats(1)["as_of"];
  int64_t all = 0;
  for (const json& count : overview["warning_counts"]) {
    std::string key = count["key"];
    SCOPED_TRACE(key);
    json page = GetData("/api/orgs/1/warnings?page_size=200&key=" + key);
    EXPECT_EQ(page["total"], count["count"]);
    all += count["count"].get<int64_t>();
    for (const json& w : page["items"]) {
      EXPECT_EQ(w["key"], key);
      json node = GetData("/api/orgs/" + std::to_string(w["node_id"].get<int64_t>()));
      if (key == "branch_over_50") {
        EXPECT_GT(w["members"].get<int64_t>(), 50);
        EXPECT_EQ(Stats(w["node_id"].get<int64_t>())["total"], w["members"]);
      } else if (key == "committee_missing") {
        EXPECT_GE(w["full"].get<int64_t>(), 7);
        EXPECT_LT(node["committee_size"].get<int64_t>(), 3);
      } else if (key == "term_ended") {
        EXPECT_LT(node["term_end"].get<std::string>(), today);
      } else {
        EXPECT_GE(node["term_end"].get<std::string>(), today);
      }
      EXPECT_FALSE(w["message"].get<std::string>().empty());
    }
  }
  EXPECT_GT(all, 0) << "the demo should have some structure to warn about";
  EXPECT_EQ(GetData("/api/orgs/1/warnings?page_size=1")["total"], all);
  EXPECT_EQ(overview["warnings"].size(), std::min<int64_t>(all, 100));
  // A subtree sees only its own nodes.
  json sub = GetData("/api/orgs/" + std::to_string(kOrganCommittee) + "/overview");
  EXPECT_LE(sub["branch_count"].get<int64_t>(), 9);
  EXPECT_EQ(api_->Get("/api/orgs/1/warnings?key=nope").status, 400);
  EXPECT_EQ(api_->Get("/api/orgs/999999/overview").status, 404);
}

TEST_F(OrgReadTest, SearchFindsNodesByNameOrCodeWithinTheCallersScope) {
  json branch = GetData("/api/orgs/" + std::to_string(kOtherBranch));
  std::string code = branch["code"];
  std::string lower = code;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  json by_code = GetData("/api/orgs/search?q=" + lower);
  ASSERT_GE(by_code["total"].get<int64_t>(), 1);
  bool seen = false;
  for (const json& n : by_code["items"]) seen = seen || n["id"] == kOtherBranch;
  EXPECT_TRUE(seen) << by_code;
  json by_name =
      GetData("/api/orgs/search?limit=5&q=" + std::string("%E5%85%9A%E6%94%AF%E9%83%A8"));
  EXPECT_GT(by_name["total"].get<int64_t>(), 5);  // 党支部
  ASSERT_EQ(by_name["items"].size(), 5u);
  for (const json& n : by_name["items"]) {
    EXPECT_NE(n["name"].get<std::string>().find("党支部"), std::string::npos);
    EXPECT_EQ(n["path"].get<std::string>().rfind("湖北省直机关工委", 0), 0u) << n;
  }
  // A unit admin finds nothing outside their unit, not even by exact code.
  std::string token = server_->CreateAccount("search-unit", {{0, 0, Role::kUnitAdmin, kUnit1}});
  Api unit(server_->port(), token);
  ApiReply outside = unit.Get("/api/orgs/search?q=" + code);
  ASSERT_EQ(outside.status, 200) << outside;
  EXPECT_EQ(outside.data()["total"], 0);
  EXPECT_EQ(api_->Get("/api/orgs/search?q=%20").status, 400);
}

// --- Writes, each on a fresh server.

class OrgWriteTest : public ::testing::Test {
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

  static json NewBranch() {
    return {{"kind", "branch"},         {"name", "测试党支部"},
            {"code", "HB-TEST-01"},     {"parent_id", kOrganCommittee},
            {"sort_order", 20},         {"term_start", "2026-01-01"},
            {"term_end", "2029-01-01"}, {"committee_size", 3}};
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<Api> api_;
  StoreState initial_;
};

TEST_F(OrgWriteTest, CreateAnswers201WithTheNodeAndServesIt) {
  int64_t branches = CountOf(GetData("/api/orgs/1/stats")["nodes_by_kind"], "branch");
  json body = NewBranch();
  body["name"] = "  测试党支部 ";  // trimmed
  ApiReply reply = api_->Post("/api/orgs", body);
  ASSERT_EQ(reply.status, 201) << reply;
  json created = reply.data();
  ASSERT_TRUE(created["id"].is_number_integer());
  int64_t id = created["id"].get<int64_t>();
  EXPECT_EQ(id, kNodeCount + 1);
  EXPECT_EQ(created, json({{"id", id},
                           {"kind", "branch"},
                           {"kind_label", "党支部"},
                           {"name", "测试党支部"},
                           {"code", "HB-TEST-01"},
                           {"parent_id", kOrganCommittee},
                           {"sort_order", 20},
                           {"term_start", "2026-01-01"},
                           {"term_end", "2029-01-01"},
                           {"secretary_id", nullptr},
                           {"committee_size", 3}}));
  EXPECT_EQ(GetData("/api/orgs/" + std::to_string(id)), created);
  json children = GetData("/api/orgs/" + std::to_string(kOrganCommittee) + "/children");
  ASSERT_FALSE(children.empty());
  EXPECT_EQ(children.back()["id"], id);
  EXPECT_EQ(children.back()["has_children"], false);
  EXPECT_EQ(children.back()["members"], 0);
  EXPECT_EQ(GetData("/api/health")["nodes"], kNodeCount + 1);
  EXPECT_EQ(CountOf(GetData("/api/orgs/1/stats")["nodes_by_kind"], "branch"), branches + 1);

  StoreState after = server_->ReadState();
  EXPECT_EQ(after.audit_head, initial_.audit_head + 1);
  EXPECT_EQ(after.nodes, initial_.nodes + 1);
  EXPECT_EQ(after.members, initial_.members);
}

TEST_F(OrgWriteTest, CreateNeedsOnlyKindNameCodeAndParent) {
  ApiReply reply = api_->Post("/api/orgs", {{"kind", "group"},
                                            {"name", "第五党小组"},
                                            {"code", "HB-U001-B001-G5"},
                                            {"parent_id", kBranch}});
  ASSERT_EQ(reply.status, 201) << reply;
  EXPECT_EQ(reply.data()["sort_order"], 0);
  EXPECT_EQ(reply.data()["committee_size"], 0);
  EXPECT_TRUE(reply.data()["term_start"].is_null());
  EXPECT_TRUE(reply.data()["term_end"].is_null());
}

TEST_F(OrgWriteTest, UpdateChangesOnlyTheFieldsSent) {
  json before = GetData("/api/orgs/" + std::to_string(kBranch));
  ApiReply reply = api_->Put("/api/orgs/" + std::to_string(kBranch),
                             {{"name", "省委办公厅综合党支部"}, {"committee_size", 7}});
  ASSERT_EQ(reply.status, 200) << reply;
  json expected = before;
  expected["name"] = "省委办公厅综合党支部";
  expected["committee_size"] = 7;
  EXPECT_EQ(reply.data(), expected);
  EXPECT_EQ(GetData("/api/orgs/" + std::to_string(kBranch)), expected);
  EXPECT_EQ(server_->ReadState().audit_head, initial_.audit_head + 1);
}

TEST_F(OrgWriteTest, UpdateWithNullClearsAnOptionalField) {
  ApiReply reply = api_->Put("/api/orgs/" + std::to_string(kBranch),
                             {{"term_start", nullptr}, {"term_end", nullptr}});
  ASSERT_EQ(reply.status, 200) << reply;
  json node = GetData("/api/orgs/" + std::to_string(kBranch));
  EXPECT_TRUE(node["term_start"].is_null());
  EXPECT_TRUE(node["term_end"].is_null());
}

TEST_F(OrgWriteTest, UpdateThatChangesNothingWritesNothing) {
  json before = GetData("/api/orgs/" + std::to_string(kBranch));
  ApiReply reply = api_->Put("/api/orgs/" + std::to_string(kBranch),
                             {{"name", before["name"]}, {"code", before["code"]}});
  ASSERT_EQ(reply.status, 200) << reply;
  EXPECT_EQ(reply.data(), before);
  EXPECT_EQ(server_->ReadState(), initial_);
}

TEST_F(OrgWriteTest, SecretaryCanBeAFullMemberOfTheSubtree) {
  json members = GetData("/api/members?status=full&sort=id&page_size=1&subtree=" +
                         std::to_string(kOtherBranch));
  ASSERT_EQ(members["items"].size(), 1u);
  json member = members["items"][0];
  ApiReply reply =
      api_->Put("/api/orgs/" + std::to_string(kOtherCommittee), {{"secretary_id", member["id"]}});
  ASSERT_EQ(reply.status, 200) << reply;
  EXPECT_EQ(GetData("/api/orgs/" + std::to_string(kOtherCommittee))["secretary_id"], member["id"]);
}

TEST_F(OrgWriteTest, MoveTakesTheWholeSubtreeAndItsMembers) {
  json moving = GetData("/api/orgs/" + std::to_string(kBranch) + "/stats");
  json old_parent = GetData("/api/orgs/" + std::to_string(kOrganCommittee) + "/stats");
  json new_parent = GetData("/api/orgs/" + std::to_string(kOtherCommittee) + "/stats");
  ASSERT_GT(moving["total"].get<int64_t>(), 0);

  ApiReply reply =
      api_->Put("/api/orgs/" + std::to_string(kBranch), {{"parent_id", kOtherCommittee}});
  ASSERT_EQ(reply.status, 200) << reply;
  EXPECT_EQ(reply.data()["parent_id"], kOtherCommittee);

  EXPECT_EQ(IdsOf(GetData("/api/orgs/" + std::to_string(kGroup) + "/path")),
            (std::vector<int64_t>{kRoot, kZone1, kUnit2, kOtherCommittee, kBranch, kGroup}));
  EXPECT_EQ(IdsOf(GetData("/api/orgs/" + std::to_string(kBranch) + "/children")),
            (std::vector<int64_t>{7, 8, 9, 10}));
  json old_children = GetData("/api/orgs/" + std::to_string(kOrganCommittee) + "/children");
  for (const json& child : old_children) EXPECT_NE(child["id"], kBranch);
  json new_children = GetData("/api/orgs/" + std::to_string(kOtherCommittee) + "/children");
  std::vector<int64_t> new_ids = IdsOf(new_children);
  EXPECT_NE(std::find(new_ids.begin(), new_ids.end(), kBranch), new_ids.end());

  EXPECT_EQ(GetData("/api/orgs/" + std::to_string(kOrganCommittee) + "/stats")["total"],
            old_parent["total"].get<int64_t>() - moving["total"].get<int64_t>());
  json moved_into = GetData("/api/orgs/" + std::to_string(kOtherCommittee) + "/stats");
  EXPECT_EQ(moved_into["total"],
            new_parent["total"].get<int64_t>() + moving["total"].get<int64_t>());
  EXPECT_EQ(CountOf(moved_into["nodes_by_kind"], "group"), 4);
  json found = GetData("/api/members?page_size=1&subtree=" + std::to_string(kOtherCommittee) +
                       "&status=probationary,full");
  EXPECT_EQ(found["total"], moved_into["total"]);
  EXPECT_EQ(server_->ReadState().audit_head, initial_.audit_head + 1);
}

TEST_F(OrgWriteTest, DeleteRemovesAnEmptyLeaf) {
  ApiReply created = api_->Post("/api/orgs", NewBranch());
  ASSERT_EQ(created.status, 201) << created;
  int64_t id = created.data()["id"].get<int64_t>();
  std::string target = "/api/orgs/" + std::to_string(id);

  ApiReply reply = api_->Delete(target);
  ASSERT_EQ(reply.status, 200) << reply;
  EXPECT_EQ(reply.data(), json({{"id", id}}));

  ApiReply gone = api_->Get(target);
  EXPECT_EQ(gone.status, 404) << gone;
  EXPECT_EQ(gone.error(), "org.not_found");
  EXPECT_EQ(gone.message(), "组织 " + std::to_string(id) + " 不存在");
  EXPECT_EQ(GetData("/api/health")["nodes"], kNodeCount);
  StoreState after = server_->ReadState();
  EXPECT_EQ(after.audit_head, initial_.audit_head + 2);
  EXPECT_EQ(after.nodes, initial_.nodes);
  // The code is free again.
  EXPECT_EQ(api_->Post("/api/orgs", NewBranch()).status, 201);
}

}  // namespace
}  // namespace dj::integration
