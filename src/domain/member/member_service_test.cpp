#include "domain/member/member_service.h"

#include <gtest/gtest.h>

#include "domain/org/org_service.h"
#include "domain/testing/fake_store.h"
#include "domain/testing/fixtures.h"

namespace dj {
namespace {

using testing::D;
using testing::MakeMember;
using K = NodeKind;

class MemberServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    NodeId c = AddNode(K::kCommittee, "HB", std::nullopt);
    NodeId u = AddNode(K::kUnit, "U1", c);
    branch_a_ = AddNode(K::kBranch, "A", u);
    branch_b_ = AddNode(K::kBranch, "B", u);
    group_a_ = AddNode(K::kGroup, "GA", branch_a_);
  }

  NodeId AddNode(K kind, std::string code, std::optional<NodeId> parent) {
    OrgNode n;
    n.kind = kind;
    n.name = code;
    n.code = std::move(code);
    n.parent_id = parent;
    return orgs_.Create(ctx_, n)->id;
  }

  Member Sample(int seq, NodeId branch = 0) {
    return MakeMember("党员" + std::to_string(seq), branch ? branch : branch_a_, D("1980-01-01"),
                      seq % 2 ? Gender::kMale : Gender::kFemale, seq);
  }

  FixedClock clock_ = FixedClock::AtNoon(D("2026-11-22"));
  testing::FakeStore store_;
  Roster roster_{clock_};
  OrgService orgs_{store_, roster_};
  MemberService members_{store_, roster_, clock_};
  WriteContext ctx_;
  NodeId branch_a_ = 0, branch_b_ = 0, group_a_ = 0;
};

TEST_F(MemberServiceTest, CreatesAndReads) {
  Member m = Sample(1);
  m.name = "  张伟 ";
  m.group_id = group_a_;
  auto created = members_.Create(ctx_, m);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->name, "张伟");
  auto read = members_.Get(created->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, *created);
  auto history = members_.History(created->id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].from, m.probationary_date);
  EXPECT_EQ((*history)[0].group_id, group_a_);
  EXPECT_EQ(roster_.Stats(group_a_, D("2026-11-22"))->total, 1);
  EXPECT_EQ(members_.Get(999).error().key, "member.not_found");
}

TEST_F(MemberServiceTest, ReportsEveryProblemAndWritesNothing) {
  Member m = Sample(1);
  m.name = "";
  m.ethnicity = "火星族";
  m.group_id = 12345;
  auto r = members_.Create(ctx_, m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "validation_failed");
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields) fields.push_back(f.field + "/" + f.key);
  EXPECT_EQ(fields, (std::vector<std::string>{"name/required", "ethnicity/unknown_ethnicity",
                                              "group_id/group_not_in_branch"}));
  EXPECT_EQ(r.error().message, "输入有 3 处错误，首个：姓名不能为空");
  EXPECT_EQ(store_.writes(), 5);  // only the five nodes
}

TEST_F(MemberServiceTest, PlacementMustBeABranch) {
  NodeId unit = *roster_.FindNodeByCode("U1");
  Member m = Sample(1, unit);
  auto r = members_.Create(ctx_, m);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].message, "“U1”是单位，党员只能编入党支部");
  m.branch_id = 777;
  EXPECT_EQ(members_.Create(ctx_, m).error().fields[0].message, "所在支部 777 不存在");
}

TEST_F(MemberServiceTest, DuplicateIdNumbers) {
  ASSERT_TRUE(members_.Create(ctx_, Sample(1)).ok());
  auto r = members_.Create(ctx_, Sample(1));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(r.error().key, "member.id_number_duplicate");

  std::vector<NewMember> batch;
  for (int seq : {2, 3, 2, 1, 4}) batch.push_back({Sample(seq), D("2010-01-01")});
  auto many = members_.CreateMany(ctx_, batch, 2);
  ASSERT_FALSE(many.ok());
  const auto& f = many.error().fields;
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].row, 4);
  EXPECT_EQ(f[0].message, "身份证号与第 2 行重复");
  EXPECT_EQ(f[1].row, 5);
  EXPECT_EQ(f[1].key, "id_number_duplicate");
  EXPECT_EQ(roster_.Stats(branch_a_, D("2026-11-22"))->total, 1);  // nothing written
}

TEST_F(MemberServiceTest, CreateManyWritesAllRows) {
  std::vector<NewMember> batch;
  for (int seq = 1; seq <= 30; ++seq)
    batch.push_back({Sample(seq, seq % 2 ? branch_a_ : branch_b_), D("2012-01-01")});
  auto created = members_.CreateMany(ctx_, batch);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->size(), 30u);
  EXPECT_EQ(roster_.Stats(branch_a_, D("2026-11-22"))->total, 15);
  EXPECT_EQ(roster_.Stats(branch_b_, D("2026-11-22"))->total, 15);
  // They joined their branches on 2012-01-01, not on admission.
  EXPECT_EQ(roster_.Stats(branch_a_, D("2011-12-31"))->total, 0);
}

TEST_F(MemberServiceTest, UpdateKeepsBranchAndHandlesLeaving) {
  Member m = *members_.Create(ctx_, Sample(1));
  Member moved = m;
  moved.branch_id = branch_b_;
  auto r = members_.Update(ctx_, m.id, moved);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().key, "member.branch_change_requires_transfer");

  Member died = m;
  died.status = MemberStatus::kDeceased;
  died.left_date = D("2026-10-01");
  ASSERT_TRUE(members_.Update(ctx_, m.id, died).ok());
  EXPECT_EQ(roster_.Stats(branch_a_, D("2026-11-22"))->total, 0);
  EXPECT_EQ(roster_.Stats(branch_a_, D("2026-09-30"))->total, 1);
  EXPECT_EQ(roster_.Stats(branch_a_, D("2026-11-22"))->left_this_year[1], 1);

  // Restoring (a mistaken record) reopens the period.
  ASSERT_TRUE(members_.Update(ctx_, m.id, m).ok());
  EXPECT_EQ(roster_.Stats(branch_a_, D("2026-11-22"))->total, 1);

  Member grouped = m;
  grouped.group_id = group_a_;
  ASSERT_TRUE(members_.Update(ctx_, m.id, grouped).ok());
  EXPECT_EQ(roster_.Stats(group_a_, D("2026-11-22"))->total, 1);
}

TEST_F(MemberServiceTest, TransferKeepsHistory) {
  Member m = *members_.Create(ctx_, Sample(1));
  auto r = members_.Transfer(ctx_, m.id, branch_b_, std::nullopt, D("2025-03-01"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->branch_id, branch_b_);
  auto history = *members_.History(m.id);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].to, D("2025-03-01"));
  EXPECT_EQ(history[1].branch_id, branch_b_);
  EXPECT_EQ(roster_.Stats(branch_a_, D("2025-02-28"))->total, 1);
  EXPECT_EQ(roster_.Stats(branch_b_, D("2025-03-01"))->total, 1);
  EXPECT_EQ(roster_.Stats(branch_a_, D("2025-03-01"))->total, 0);

  struct Case {
    NodeId to;
    std::optional<NodeId> group;
    Date date;
    const char* message;
  };
  for (const Case& c : std::initializer_list<Case>{
           {branch_b_, std::nullopt, D("2025-06-01"),
            "转入支部与当前支部相同；同一支部内调整党小组请修改党员信息"},
           {branch_a_, std::nullopt, D("2025-03-01"),
            "转接日期须晚于进入当前支部的日期 2025-03-01"},
           {branch_a_, std::nullopt, D("2026-11-23"), "转接日期不能晚于今天"},
           {branch_a_, group_a_ + 100, D("2026-01-01"), "党小组 105 不属于“A”"},
       }) {
    auto bad = members_.Transfer(ctx_, m.id, c.to, c.group, c.date);
    ASSERT_FALSE(bad.ok());
    ASSERT_FALSE(bad.error().fields.empty());
    EXPECT_EQ(bad.error().fields[0].message, c.message);
  }
  EXPECT_EQ(members_.History(m.id)->size(), 2u);

  Member gone = *members_.Get(m.id);
  gone.status = MemberStatus::kTransferredOut;
  gone.left_date = D("2026-01-01");
  ASSERT_TRUE(members_.Update(ctx_, m.id, gone).ok());
  auto refused = members_.Transfer(ctx_, m.id, branch_a_, std::nullopt, D("2026-06-01"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().key, "member.not_active");
}

TEST_F(MemberServiceTest, SearchReturnsThePageOfMembers) {
  for (int seq = 1; seq <= 25; ++seq) ASSERT_TRUE(members_.Create(ctx_, Sample(seq)).ok());
  MemberQuery q;
  q.subtree = branch_a_;
  q.sort = MemberSort::kId;
  q.offset = 20;
  q.limit = 20;
  auto r = members_.Search(q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 25);
  ASSERT_EQ(r->members.size(), 5u);
  EXPECT_EQ(r->members[0].name, "党员21");
}

TEST_F(MemberServiceTest, ATransferWaitsForTheReceivingSide) {
  Member m = *members_.Create(ctx_, Sample(1));
  Result<TransferRequest> started =
      members_.RequestTransfer(ctx_, m.id, branch_b_, std::nullopt, "工作调动");
  ASSERT_TRUE(started.ok()) << started.error().message;
  EXPECT_EQ(started->status, TransferStatus::kPending);
  EXPECT_EQ(started->from_branch_id, branch_a_);
  EXPECT_EQ(started->initiated_on, D("2026-11-22"));
  // Until accepted the member stays, and the roster lists the transfer at both ends.
  EXPECT_EQ(roster_.BranchOf(m.id), branch_a_);
  EXPECT_EQ(roster_.PendingTransfersUnder(branch_a_), std::vector{PendingOf(*started)});
  EXPECT_EQ(roster_.PendingTransfersUnder(branch_b_).size(), 1u);
  EXPECT_EQ(members_.RequestTransfer(ctx_, m.id, branch_b_, std::nullopt, "").error().key,
            "transfer.pending_exists");

  // Returned: a reason is required, and the member stays.
  EXPECT_EQ(members_.ReturnTransfer(ctx_, started->id, " ").error().fields.at(0).key,
            "reason_required");
  Result<TransferRequest> returned = members_.ReturnTransfer(ctx_, started->id, "未办调入手续");
  ASSERT_TRUE(returned.ok()) << returned.error().message;
  EXPECT_EQ(returned->status, TransferStatus::kReturned);
  EXPECT_TRUE(roster_.PendingTransfersUnder(branch_a_).empty());
  EXPECT_EQ(members_.AcceptTransfer(ctx_, started->id, std::nullopt).error().key,
            "transfer.not_pending");

  // Again, accepted: the member moves today; the request closes with the move.
  Result<TransferRequest> second =
      members_.RequestTransfer(ctx_, m.id, branch_b_, std::nullopt, "");
  ASSERT_TRUE(second.ok());
  const uint64_t version = roster_.Version();
  Result<Member> moved = members_.AcceptTransfer(ctx_, second->id, std::nullopt);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->branch_id, branch_b_);
  EXPECT_EQ(members_.History(m.id)->back().from, D("2026-11-22"));
  EXPECT_EQ(members_.GetTransfer(second->id)->status, TransferStatus::kAccepted);
  EXPECT_TRUE(roster_.PendingTransfersUnder(branch_b_).empty());
  EXPECT_NE(roster_.Version(), version);

  // A failed write changes nothing: the request stays pending.
  Result<TransferRequest> third = members_.RequestTransfer(ctx_, m.id, branch_a_, std::nullopt, "");
  ASSERT_TRUE(third.ok());
  store_.FailNextWrite();
  EXPECT_FALSE(members_.CancelTransfer(ctx_, third->id).ok());
  EXPECT_EQ(members_.GetTransfer(third->id)->status, TransferStatus::kPending);
  EXPECT_EQ(roster_.PendingTransfersUnder(branch_a_).size(), 1u);
  Result<TransferRequest> cancelled = members_.CancelTransfer(ctx_, third->id);
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->status, TransferStatus::kCancelled);
  EXPECT_EQ(members_.ListTransfers(TransferStatus::kPending)->size(), 0u);
  EXPECT_EQ(members_.ListTransfers(std::nullopt)->size(), 3u);
}

}  // namespace
}  // namespace dj
