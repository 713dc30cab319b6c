#include "storage/sqlite/sqlite_member_repository.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "storage/sqlite/test_support.h"

namespace dj {
namespace {

using testing::D;
using testing::MakeMember;
using testing::MakeNode;

class SqliteMemberRepositoryTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    AddTree();
  }

  // Inserts one member of branch A (group A1) since 2020-01-01 and returns them as stored.
  Member AddOne(int serial) {
    Member m = MakeMember("成员" + std::to_string(serial), serial, branch_a_);
    m.group_id = group_a1_;
    Result<std::vector<Member>> added = members().InsertMembers(ctx_, {{m, D("2020-01-01")}});
    EXPECT_TRUE(added.ok()) << added.error().message;
    return added.ok() ? added->front() : Member{};
  }

  std::vector<MembershipPeriod> Periods(MemberId id) { return members().GetPeriods(id).value(); }
};

TEST_F(SqliteMemberRepositoryTest, InsertAndReadRoundTripEveryField) {
  Member full = MakeMember("张三", 1, branch_a_);
  full.group_id = group_a1_;
  full.gender = Gender::kFemale;
  full.ethnicity = "蒙古族";
  full.education = Education::kSecondaryVocational;
  full.category = MemberCategory::kRetired;
  Member probationary = MakeMember("李四", 2, branch_b_);
  probationary.status = MemberStatus::kProbationary;
  probationary.full_date = std::nullopt;
  probationary.phone = "";
  probationary.post = "";
  Member deceased = MakeMember("王五", 3, branch_b_);
  deceased.status = MemberStatus::kDeceased;
  deceased.left_date = D("2023-03-03");

  Result<std::vector<Member>> added = members().InsertMembers(
      ctx_,
      {{full, D("2019-01-01")}, {probationary, D("2024-04-01")}, {deceased, D("2000-01-01")}});
  ASSERT_TRUE(added.ok()) << added.error().message;
  ASSERT_EQ(added->size(), 3u);
  std::vector<Member> expected = {full, probationary, deceased};
  for (size_t i = 0; i < 3; ++i) {
    expected[i].id = (*added)[i].id;
    EXPECT_EQ((*added)[i], expected[i]);
    EXPECT_EQ(members().GetMember(expected[i].id).value(), expected[i]);
  }
  EXPECT_LT(expected[0].id, expected[1].id);

  const MemberId ids[] = {expected[2].id, 999, expected[0].id};
  Result<std::vector<Member>> some = members().GetMembers(ids);
  ASSERT_TRUE(some.ok());
  EXPECT_EQ(*some, (std::vector<Member>{expected[2], expected[0]}));

  EXPECT_EQ(Periods(expected[0].id),
            (std::vector<MembershipPeriod>{
                {expected[0].id, branch_a_, group_a1_, D("2019-01-01"), std::nullopt}}));
  EXPECT_EQ(members().FindByIdNumber(probationary.id_number).value(), expected[1].id);
  EXPECT_EQ(members().FindByIdNumber("110101199001010000").value(), std::nullopt);

  Result<Member> missing = members().GetMember(999);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().key, "member.not_found");
  EXPECT_EQ(missing.error().message, "党员 999 不存在");
}

TEST_F(SqliteMemberRepositoryTest, DuplicateIdNumberWritesNothing) {
  Member first = AddOne(1);
  const int64_t rows = Count("members"), periods = Count("membership_periods"),
                audit = Count("audit_log");
  Member copy = MakeMember("冒名", 2, branch_b_);
  copy.id_number = first.id_number;
  Result<std::vector<Member>> dup = members().InsertMembers(ctx_, {{copy, D("2024-01-01")}});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().key, "member.id_number_duplicate");
  EXPECT_EQ(dup.error().message, "身份证号 " + first.id_number + " 已被使用");
  EXPECT_EQ(Count("members"), rows);
  EXPECT_EQ(Count("membership_periods"), periods);
  EXPECT_EQ(Count("audit_log"), audit);
}

TEST_F(SqliteMemberRepositoryTest, InsertMembersIsAllOrNothing) {
  std::vector<NewMember> batch;
  for (int i = 1; i <= 5; ++i) batch.push_back({MakeMember("批量", i, branch_a_), D("2024-01-01")});
  batch[2].member.id_number = batch[0].member.id_number;  // the 3rd repeats the 1st
  const int64_t audit = Count("audit_log");
  Result<std::vector<Member>> added = members().InsertMembers(ctx_, batch);
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.error().key, "member.id_number_duplicate");
  ASSERT_EQ(added.error().fields.size(), 1u);
  EXPECT_EQ(added.error().fields[0].row, 3);
  EXPECT_EQ(added.error().fields[0].field, "id_number");
  EXPECT_EQ(Count("members"), 0);
  EXPECT_EQ(Count("membership_periods"), 0);
  EXPECT_EQ(Count("audit_log"), audit);
}

TEST_F(SqliteMemberRepositoryTest, UpdateReplacesFieldsAndRefusesTakenIdNumber) {
  Member before = AddOne(1);
  Member other = AddOne(2);
  Member after = before;
  after.name = "改名";
  after.phone = "";
  after.education = Education::kDoctorate;
  after.category = MemberCategory::kStudent;
  after.post = "处长";
  ASSERT_TRUE(members().UpdateMember(ctx_, before, after, {}).ok());
  EXPECT_EQ(members().GetMember(before.id).value(), after);

  Member taken = after;
  taken.id_number = other.id_number;
  Status status = members().UpdateMember(ctx_, after, taken, {});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().key, "member.id_number_duplicate");
  EXPECT_EQ(members().GetMember(before.id).value(), after);

  status = members().UpdateMember(ctx_, before, after, {});  // `before` is out of date now
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().key, "member.stale");
  EXPECT_EQ(status.error().message, "党员 改名 的信息已被他人修改，请刷新后重试");

  Member moved = after;
  moved.branch_id = branch_b_;
  status = members().UpdateMember(ctx_, after, moved, {});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().key, "member.branch_change_requires_transfer");
}

TEST_F(SqliteMemberRepositoryTest, LeavingClosesThePeriodAndRestoringReopensIt) {
  Member active = AddOne(1);
  Member left = active;
  left.status = MemberStatus::kDeceased;
  left.left_date = D("2024-03-01");
  ASSERT_TRUE(members().UpdateMember(ctx_, active, left, {}).ok());
  EXPECT_EQ(Periods(active.id),
            (std::vector<MembershipPeriod>{
                {active.id, branch_a_, group_a1_, D("2020-01-01"), D("2024-03-01")}}));

  // Correcting the date moves the end of the period.
  Member corrected = left;
  corrected.left_date = D("2024-02-20");
  ASSERT_TRUE(members().UpdateMember(ctx_, left, corrected, {}).ok());
  EXPECT_EQ(Periods(active.id)[0].to, D("2024-02-20"));

  Member restored = corrected;
  restored.status = MemberStatus::kFull;
  restored.left_date = std::nullopt;
  ASSERT_TRUE(members().UpdateMember(ctx_, corrected, restored, {}).ok());
  EXPECT_EQ(Periods(active.id), (std::vector<MembershipPeriod>{{active.id, branch_a_, group_a1_,
                                                                D("2020-01-01"), std::nullopt}}));
  EXPECT_EQ(members().GetMember(active.id).value(), restored);
}

TEST_F(SqliteMemberRepositoryTest, GroupChangeUpdatesTheOpenPeriod) {
  Member before = AddOne(1);
  Member after = before;
  after.group_id = std::nullopt;
  ASSERT_TRUE(members().UpdateMember(ctx_, before, after, {}).ok());
  EXPECT_EQ(Periods(before.id), (std::vector<MembershipPeriod>{{before.id, branch_a_, std::nullopt,
                                                                D("2020-01-01"), std::nullopt}}));
}

TEST_F(SqliteMemberRepositoryTest, TransferClosesAndOpensPeriods) {
  Member before = AddOne(1);
  Member after = before;
  after.branch_id = branch_b_;
  after.group_id = std::nullopt;
  ASSERT_TRUE(members().TransferMember(ctx_, before, after, D("2024-04-15"), {}).ok());
  EXPECT_EQ(members().GetMember(before.id).value(), after);
  EXPECT_EQ(Periods(before.id),
            (std::vector<MembershipPeriod>{
                {before.id, branch_a_, group_a1_, D("2020-01-01"), D("2024-04-15")},
                {before.id, branch_b_, std::nullopt, D("2024-04-15"), std::nullopt}}));

  // A member who has left belongs to no branch and cannot be transferred.
  Member left = after;
  left.status = MemberStatus::kTransferredOut;
  left.left_date = D("2024-05-01");
  ASSERT_TRUE(members().UpdateMember(ctx_, after, left, {}).ok());
  Member again = left;
  again.branch_id = branch_a_;
  Status status = members().TransferMember(ctx_, left, again, D("2024-06-01"), {});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().key, "member.no_open_period");
  EXPECT_EQ(Periods(before.id).size(), 2u);
}

TEST_F(SqliteMemberRepositoryTest, ATransferRequestIsDecidedOnceAndAcceptedWithTheMove) {
  Member member = AddOne(1);
  TransferRequest request{.member_id = member.id,
                          .from_branch_id = branch_a_,
                          .to_branch_id = branch_b_,
                          .initiated_on = D("2024-04-01"),
                          .note = "工作调动",
                          .created_by = 7,
                          .created_at = 100,
                          .updated_at = 100};
  Result<TransferRequest> stored = members().InsertTransfer(ctx_, request);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_GT(stored->id, 0);
  EXPECT_EQ(members().GetTransfer(stored->id).value(), *stored);

  // One pending request per member: a second one is refused and nothing is written.
  const int64_t audit = Count("audit_log");
  Result<TransferRequest> twice = members().InsertTransfer(ctx_, request);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().key, "transfer.pending_exists");
  EXPECT_EQ(Count("member_transfers"), 1);
  EXPECT_EQ(Count("audit_log"), audit);

  // Accepting moves the member and closes the request in one transaction.
  TransferRequest accepted = *stored;
  accepted.status = TransferStatus::kAccepted;
  accepted.decided_on = D("2024-04-10");
  accepted.decided_by = 8;
  Member moved = member;
  moved.branch_id = branch_b_;
  moved.group_id = std::nullopt;
  ASSERT_TRUE(members().TransferMember(ctx_, member, moved, D("2024-04-10"), {}, &accepted).ok());
  EXPECT_EQ(members().GetTransfer(stored->id).value(), accepted);
  EXPECT_EQ(members().GetMember(member.id)->branch_id, branch_b_);

  // A decided request is not decided again, and the refused decision changes nothing.
  TransferRequest returned = *stored;
  returned.status = TransferStatus::kReturned;
  returned.decision_note = "迟到的退回";
  Status again = members().DecideTransfer(ctx_, *stored, returned);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().key, "transfer.not_pending");
  EXPECT_EQ(members().GetTransfer(stored->id).value(), accepted);

  // If the request was decided meanwhile, accepting it fails and the member does not move.
  Result<TransferRequest> back =
      members().InsertTransfer(ctx_, TransferRequest{.member_id = member.id,
                                                     .from_branch_id = branch_b_,
                                                     .to_branch_id = branch_a_,
                                                     .initiated_on = D("2024-05-01")});
  ASSERT_TRUE(back.ok()) << back.error().message;
  TransferRequest cancelled = *back;
  cancelled.status = TransferStatus::kCancelled;
  cancelled.decided_on = D("2024-05-02");
  ASSERT_TRUE(members().DecideTransfer(ctx_, *back, cancelled).ok());
  TransferRequest late = *back;
  late.status = TransferStatus::kAccepted;
  Member home = moved;
  home.branch_id = branch_a_;
  Status refused = members().TransferMember(ctx_, moved, home, D("2024-05-03"), {}, &late);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().key, "transfer.not_pending");
  EXPECT_EQ(members().GetMember(member.id)->branch_id, branch_b_);
  EXPECT_EQ(Periods(member.id).size(), 2u);

  std::vector<TransferRequest> all = members().ListTransfers(std::nullopt).value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, back->id);  // newest first
  EXPECT_EQ(members().ListTransfers(TransferStatus::kPending)->size(), 0u);
  EXPECT_EQ(members().ListTransfers(TransferStatus::kAccepted)->size(), 1u);
}

TEST_F(SqliteMemberRepositoryTest, DeleteRemovesPeriodsAndClearsSecretary) {
  Member member = AddOne(1);
  OrgNode branch = orgs().GetNode(branch_a_).value();
  OrgNode led = branch;
  led.secretary_id = member.id;
  ASSERT_TRUE(orgs().UpdateNode(ctx_, branch, led).ok());
  const int64_t audit = Count("audit_log");

  ASSERT_TRUE(members().DeleteMember(ctx_, member).ok());
  EXPECT_EQ(members().GetMember(member.id).error().key, "member.not_found");
  EXPECT_EQ(Count("membership_periods"), 0);
  EXPECT_EQ(orgs().GetNode(branch_a_).value().secretary_id, std::nullopt);
  EXPECT_EQ(Count("audit_log"), audit + 2);  // the member's delete and the branch's update
}

TEST_F(SqliteMemberRepositoryTest, SeedIntoNonEmptyDatabaseIsRefused) {
  const int64_t audit = Count("audit_log");
  RosterSnapshot snapshot;
  snapshot.nodes.push_back(MakeNode(NodeKind::kCommittee, "另一个工委", "C2", std::nullopt));
  snapshot.nodes.back().id = 100;
  Status status = members().Seed(ctx_, snapshot);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_EQ(status.error().key, "storage.not_empty");
  EXPECT_EQ(status.error().message, "数据库中已有组织或党员数据，不能再导入整套数据");
  EXPECT_EQ(Count("org_nodes"), 5);
  EXPECT_EQ(Count("audit_log"), audit);
}

// A snapshot with every kind of field, written in an order that needs the deferred keys:
// a node's secretary is a member inserted after it.
RosterSnapshot SampleSnapshot() {
  RosterSnapshot s;
  OrgNode committee = MakeNode(NodeKind::kCommittee, "省直机关工委", "C", std::nullopt);
  committee.id = 10;
  OrgNode branch = MakeNode(NodeKind::kBranch, "第一党支部", "B1", NodeId{10});
  branch.id = 20;
  branch.secretary_id = 1002;
  branch.term_start = D("2022-01-01");
  branch.term_end = D("2024-12-31");
  branch.committee_size = 3;
  OrgNode group = MakeNode(NodeKind::kGroup, "第一党小组", "B1-G1", NodeId{20});
  group.id = 30;
  s.nodes = {committee, branch, group};
  for (int i = 0; i < 50; ++i) {
    Member m = MakeMember("党员" + std::to_string(i), i, 20);
    m.id = 1000 + i;
    m.group_id = i % 2 == 0 ? std::optional<NodeId>(30) : std::nullopt;
    if (i % 7 == 0) {
      m.status = MemberStatus::kLapsed;
      m.left_date = D("2023-09-09");
      s.periods.push_back({m.id, 20, m.group_id, D("2015-01-01"), D("2023-09-09")});
    } else {
      s.periods.push_back({m.id, 20, m.group_id, D("2015-01-01"), std::nullopt});
    }
    s.members.push_back(m);
  }
  return s;
}

class SeedTest : public testing::StoreTest {};

TEST_F(SeedTest, LoadSnapshotReturnsWhatSeedWrote) {
  RosterSnapshot snapshot = SampleSnapshot();
  ASSERT_TRUE(members().Seed(ctx_, snapshot).ok());
  Result<RosterSnapshot> loaded = members().LoadSnapshot();
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->nodes, snapshot.nodes);
  EXPECT_EQ(loaded->members, snapshot.members);
  EXPECT_EQ(loaded->periods, snapshot.periods);
  EXPECT_EQ(Count("audit_log"), 1);
  EXPECT_EQ(testing::QueryInt(*inspect_,
                              "SELECT count(*) FROM audit_log WHERE action = 'seed' "
                              "AND after_json = '{\"nodes\":3,\"members\":50,"
                              "\"periods\":50}'"),
            1);

  // New rows get ids after the seeded ones.
  Result<OrgNode> added =
      orgs().InsertNode(ctx_, MakeNode(NodeKind::kGroup, "第二党小组", "B1-G2", NodeId{20}));
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->id, 31);
}

TEST_F(SeedTest, DanglingReferenceRollsBackEverything) {
  RosterSnapshot snapshot = SampleSnapshot();
  snapshot.members[3].branch_id = 77;  // no such node
  Status status = members().Seed(ctx_, snapshot);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().key, "storage.foreign_key_violation");
  EXPECT_EQ(Count("org_nodes"), 0);
  EXPECT_EQ(Count("members"), 0);
  EXPECT_EQ(Count("audit_log"), 0);
}

TEST_F(SqliteMemberRepositoryTest, ReadersDoNotFailWhileAWriterWrites) {
  Member seed = AddOne(0);
  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, reads{0};
  auto reader = [&] {
    while (!done.load()) {
      Result<RosterSnapshot> snapshot = members().LoadSnapshot();
      Result<Member> member = members().GetMember(seed.id);
      if (!snapshot.ok() || !member.ok()) ++failures;
      ++reads;
    }
  };
  std::thread r1(reader), r2(reader);
  for (int i = 1; i <= 100; ++i) {
    Result<std::vector<Member>> added =
        members().InsertMembers(ctx_, {{MakeMember("并发", i, branch_b_), D("2024-01-01")}});
    ASSERT_TRUE(added.ok()) << added.error().message;
  }
  done = true;
  r1.join();
  r2.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(Count("members"), 101);
}

}  // namespace
}  // namespace dj
