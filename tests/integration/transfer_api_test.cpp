// Two-step transfers of organisational relations through the real server: the sending branch
// starts one, the receiving side returns it (with a reason) or accepts it (the member moves),
// the sending side withdraws one; each pending transfer shows in ZZ-19-2 until it is settled;
// bad requests write nothing.
#include <gtest/gtest.h>

#include <set>

#include "integration/test_server.h"

namespace dj::integration {
namespace {

using nlohmann::json;

std::string Str(int64_t n) { return std::to_string(n); }

class TransferApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = TestServer::Start();
    admin_ = std::make_unique<Api>(server_->port(), server_->admin_token());
    // The sending side: kBranch's secretary. The receiving side: kUnit2's admin
    // (kOtherBranch lies under it).
    sender_ = std::make_unique<Api>(
        server_->port(),
        server_->CreateAccount("transfer-sender", {{0, 0, Role::kBranchSecretary, kBranch}}));
    receiver_ = std::make_unique<Api>(
        server_->port(),
        server_->CreateAccount("transfer-receiver", {{0, 0, Role::kUnitAdmin, kUnit2}}));
  }
  static void TearDownTestSuite() {
    sender_.reset();
    receiver_.reset();
    admin_.reset();
    server_.reset();
  }

  // A member of kBranch who leads no node.
  static int64_t PlainMember(size_t skip) {
    ApiReply page =
        admin_->Get("/api/members?subtree=" + Str(kBranch) + "&status=full&page_size=200&sort=id");
    size_t seen = 0;
    for (const json& m : page.data()["items"]) {
      const int64_t id = m["id"].get<int64_t>();
      if (!server_->app().roster().NodesLedBy(id).empty()) continue;
      if (seen++ == skip) return id;
    }
    throw std::runtime_error("kBranch has too few plain members");
  }

  static json CheckOf(const ApiReply& branch, const char* rule) {
    for (const json& c : branch.data()["checks"]) {
      if (c["rule"] == rule) return c;
    }
    return nullptr;
  }

  static inline std::unique_ptr<TestServer> server_;
  static inline std::unique_ptr<Api> admin_, sender_, receiver_;
};

TEST_F(TransferApiTest, StartedReturnedStartedAgainAndAccepted) {
  const int64_t member = PlainMember(0);
  const std::string start = "/api/members/" + Str(member) + "/transfer-requests";

  ApiReply first = sender_->Post(start, {{"to_branch_id", kOtherBranch}, {"note", "工作调动"}});
  ASSERT_EQ(first.status, 201) << first;
  EXPECT_EQ(first.data()["status"], "pending");
  EXPECT_EQ(first.data()["from_branch"]["id"], kBranch);
  EXPECT_EQ(first.data()["to_branch"]["id"], kOtherBranch);
  EXPECT_EQ(first.data()["initiated_on"], Today().ToString());
  const int64_t id = first.data()["id"];

  // One pending transfer per member.
  ApiReply again = sender_->Post(start, {{"to_branch_id", kOtherBranch}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error(), "transfer.pending_exists");

  // Both sides list it, each from its end; ZZ-19-2 shows it at both branches.
  ApiReply out = sender_->Get("/api/transfers?status=pending");
  ASSERT_EQ(out.status, 200) << out;
  bool listed = false;
  for (const json& t : out.data()["items"]) {
    if (t["id"] == id) listed = t["direction"] == "out";
  }
  EXPECT_TRUE(listed) << out;
  ApiReply in = receiver_->Get("/api/transfers?node=" + Str(kUnit2));
  ASSERT_EQ(in.status, 200) << in;
  EXPECT_EQ(in.data()["items"][0]["id"], id);
  EXPECT_EQ(in.data()["items"][0]["direction"], "in");
  EXPECT_EQ(in.data()["items"][0]["member_name"].get<std::string>().empty(), false);
  ApiReply sending = sender_->Get("/api/life/compliance/branch/" + Str(kBranch));
  json zz = CheckOf(sending, "ZZ-19-2");
  ASSERT_TRUE(zz.is_object()) << sending;
  EXPECT_EQ(zz["state"], "due_soon");
  EXPECT_NE(zz["message"].get<std::string>().find("转出待接收 1 名"), std::string::npos) << zz;
  ApiReply receiving = receiver_->Get("/api/life/compliance/branch/" + Str(kOtherBranch));
  EXPECT_NE(CheckOf(receiving, "ZZ-19-2")["message"].get<std::string>().find("转入待接收 1 名"),
            std::string::npos)
      << receiving;

  // The sending side cannot accept or return; the receiving side cannot withdraw.
  EXPECT_EQ(sender_->Post("/api/transfers/" + Str(id) + "/accept", json::object()).status, 403);
  EXPECT_EQ(receiver_->Post("/api/transfers/" + Str(id) + "/cancel", json::object()).status, 403);

  // No refusal without a reason; a return with one keeps the member where they were.
  StoreState before = server_->ReadState();
  ApiReply bare = receiver_->Post("/api/transfers/" + Str(id) + "/return", {{"reason", "  "}});
  EXPECT_EQ(bare.status, 400);
  EXPECT_EQ(bare.data()["fields"][0]["error"], "reason_required") << bare;
  EXPECT_EQ(server_->ReadState(), before);
  ApiReply returned = receiver_->Post("/api/transfers/" + Str(id) + "/return",
                                      {{"reason", "接收单位尚未办理调入手续"}});
  ASSERT_EQ(returned.status, 200) << returned;
  EXPECT_EQ(returned.data()["status"], "returned");
  EXPECT_EQ(returned.data()["decision_note"], "接收单位尚未办理调入手续");
  EXPECT_EQ(admin_->Get("/api/members/" + Str(member)).data()["branch_id"], kBranch);
  EXPECT_EQ(receiver_->Post("/api/transfers/" + Str(id) + "/accept", json::object()).error(),
            "transfer.not_pending");
  sending = sender_->Get("/api/life/compliance/branch/" + Str(kBranch));
  EXPECT_EQ(CheckOf(sending, "ZZ-19-2")["state"], "met") << sending;

  // Started again and accepted: the member moves today, with a new period.
  ApiReply second = sender_->Post(start, {{"to_branch_id", kOtherBranch}});
  ASSERT_EQ(second.status, 201) << second;
  const int64_t second_id = second.data()["id"];
  const int64_t periods = server_->ReadState().periods;
  ApiReply accepted =
      receiver_->Post("/api/transfers/" + Str(second_id) + "/accept", json::object());
  ASSERT_EQ(accepted.status, 200) << accepted;
  EXPECT_EQ(accepted.data()["status"], "accepted");
  EXPECT_EQ(accepted.data()["decided_on"], Today().ToString());
  ApiReply moved = admin_->Get("/api/members/" + Str(member));
  EXPECT_EQ(moved.data()["branch_id"], kOtherBranch);
  EXPECT_EQ(server_->ReadState().periods, periods + 1);
  ApiReply history = admin_->Get("/api/members/" + Str(member) + "/history");
  EXPECT_EQ(history.data().back()["branch_id"], kOtherBranch) << history;
  EXPECT_EQ(history.data().back()["from"], Today().ToString()) << history;
  // Now the member is the receiving unit's: the sender no longer reaches the file.
  EXPECT_EQ(sender_->Get("/api/members/" + Str(member)).status, 403);
  EXPECT_EQ(receiver_->Post("/api/transfers/" + Str(second_id) + "/accept", json::object()).error(),
            "transfer.not_pending");
}

TEST_F(TransferApiTest, TheSenderFindsTheReceivingBranchOutsideTheirScope) {
  // The secretary of kBranch cannot open kOtherBranch, but finds it to name it as the receiver.
  const json other = admin_->Get("/api/orgs/" + Str(kOtherBranch)).data();
  EXPECT_EQ(sender_->Get("/api/orgs/" + Str(kOtherBranch)).status, 403);
  ApiReply found = sender_->Get("/api/transfers/branches?q=" + other["code"].get<std::string>());
  ASSERT_EQ(found.status, 200) << found;
  ASSERT_GE(found.data()["total"].get<int64_t>(), 1) << found;
  bool listed = false;
  for (const json& item : found.data()["items"]) {
    listed = listed || item["id"] == kOtherBranch;
    // Only branches, and only what names them.
    ApiReply node = admin_->Get("/api/orgs/" + Str(item["id"].get<int64_t>()));
    EXPECT_EQ(node.data()["kind"], "branch") << item;
    std::set<std::string> keys;
    for (const auto& [key, value] : item.items()) keys.insert(key);
    EXPECT_EQ(keys, (std::set<std::string>{"id", "name", "path", "code"})) << item;
  }
  EXPECT_TRUE(listed) << found;

  // Searching by a unit's code never lists the unit itself.
  const json unit = admin_->Get("/api/orgs/" + Str(kUnit2)).data();
  ApiReply by_unit = sender_->Get("/api/transfers/branches?q=" + unit["code"].get<std::string>());
  ASSERT_EQ(by_unit.status, 200) << by_unit;
  for (const json& item : by_unit.data()["items"]) EXPECT_NE(item["id"], kUnit2) << item;

  ApiReply empty = sender_->Get("/api/transfers/branches?q=%20");
  EXPECT_EQ(empty.status, 400) << empty;
  EXPECT_EQ(empty.data()["fields"][0]["field"], "q") << empty;
  EXPECT_EQ(sender_->Get("/api/transfers/branches?q=x&limit=0").status, 400);
}

TEST_F(TransferApiTest, TheSenderWithdrawsAndBadRequestsWriteNothing) {
  const int64_t member = PlainMember(1);
  const std::string start = "/api/members/" + Str(member) + "/transfer-requests";
  StoreState before = server_->ReadState();
  ApiReply same = sender_->Post(start, {{"to_branch_id", kBranch}});
  EXPECT_EQ(same.status, 400);
  EXPECT_EQ(same.data()["fields"][0]["error"], "same_branch") << same;
  ApiReply group = sender_->Post(start, {{"to_branch_id", kOtherBranch}, {"to_group_id", kGroup}});
  EXPECT_EQ(group.status, 400) << group;  // a group of another branch
  ApiReply missing = sender_->Post(start, {{"to_branch_id", 999999}});
  EXPECT_EQ(missing.status, 400) << missing;
  EXPECT_EQ(server_->ReadState(), before);

  ApiReply started = sender_->Post(start, {{"to_branch_id", kOtherBranch}});
  ASSERT_EQ(started.status, 201) << started;
  const int64_t id = started.data()["id"];
  ApiReply cancelled = sender_->Post("/api/transfers/" + Str(id) + "/cancel", json::object());
  ASSERT_EQ(cancelled.status, 200) << cancelled;
  EXPECT_EQ(cancelled.data()["status"], "cancelled");
  ApiReply read = sender_->Get("/api/transfers/" + Str(id));
  EXPECT_EQ(read.data()["status"], "cancelled");
  EXPECT_EQ(sender_->Get("/api/transfers/999999").status, 403);  // as one out of reach
  EXPECT_EQ(admin_->Get("/api/transfers/999999").status, 404);
  ApiReply pending = sender_->Get("/api/transfers?status=pending&node=" + Str(kBranch));
  for (const json& t : pending.data()["items"]) EXPECT_NE(t["id"], id);
}

}  // namespace
}  // namespace dj::integration
