#include "domain/life/meeting_service.h"

#include <gtest/gtest.h>

#include <map>

#include "domain/member/member_service.h"
#include "domain/org/org_service.h"
#include "domain/testing/fake_store.h"
#include "domain/testing/fixtures.h"

namespace dj {
namespace {

using testing::D;
using testing::MakeMember;
using K = NodeKind;

// An in-memory MeetingRepository with the real store's contract, for these tests.
class FakeMeetings final : public MeetingRepository {
 public:
  int writes = 0;

  Result<std::vector<MeetingFacts>> LoadFacts() override {
    std::vector<MeetingFacts> out;
    for (const auto& [id, m] : meetings_) out.push_back(FactsOf(m));
    return out;
  }
  Result<Meeting> Get(MeetingId id) override {
    auto it = meetings_.find(id);
    if (it == meetings_.end()) return Error::NotFound("meeting.not_found", "会议记录不存在");
    Meeting m = it->second;
    for (const auto& [aid, a] : attachments_) {
      if (a.first.meeting_id == id) m.attachments.push_back(a.first);
    }
    return m;
  }
  Result<std::vector<Meeting>> GetMany(const std::vector<MeetingId>& ids) override {
    std::vector<Meeting> out;
    for (MeetingId id : ids) {
      if (meetings_.count(id)) out.push_back(meetings_.at(id));
    }
    return out;
  }
  Result<std::optional<NodeId>> NodeOf(MeetingId id) override {
    auto it = meetings_.find(id);
    return it == meetings_.end() ? std::optional<NodeId>() : it->second.node_id;
  }
  Result<std::vector<Meeting>> ListAt(NodeId node, Date from, Date to) override {
    std::vector<Meeting> out;
    for (const auto& [id, m] : meetings_) {
      if (m.node_id == node && from <= m.date && m.date <= to) out.push_back(m);
    }
    return out;
  }
  Result<Meeting> Insert(const WriteContext&, const Meeting& meeting) override {
    ++writes;
    Meeting m = meeting;
    m.id = ++next_;
    meetings_[m.id] = m;
    return m;
  }
  Status Update(const WriteContext&, const Meeting& before, const Meeting& after) override {
    ++writes;
    Meeting stored = meetings_.at(before.id);
    Meeting compare = before;
    compare.attachments.clear();
    if (stored != compare) return Error::Conflict("meeting.stale", "stale");
    Meeting m = after;
    m.attachments.clear();
    meetings_[after.id] = m;
    return Ok();
  }
  Status Delete(const WriteContext&, const Meeting& meeting) override {
    ++writes;
    meetings_.erase(meeting.id);
    return Ok();
  }
  Result<Attachment> AddAttachment(const WriteContext&, const Attachment& attachment,
                                   const std::string& data) override {
    ++writes;
    Attachment a = attachment;
    a.id = ++next_;
    attachments_[a.id] = {a, data};
    return a;
  }
  Result<std::pair<Attachment, std::string>> GetAttachment(MeetingId meeting,
                                                           AttachmentId id) override {
    auto it = attachments_.find(id);
    if (it == attachments_.end() || it->second.first.meeting_id != meeting) {
      return Error::NotFound("attachment.not_found", "附件不存在");
    }
    return it->second;
  }
  Status DeleteAttachment(const WriteContext&, const Attachment& a) override {
    ++writes;
    attachments_.erase(a.id);
    return Ok();
  }
  Status Seed(const WriteContext&, const std::vector<Meeting>& meetings) override {
    for (const Meeting& m : meetings) meetings_[m.id] = m;
    return Ok();
  }

 private:
  std::map<MeetingId, Meeting> meetings_;
  std::map<AttachmentId, std::pair<Attachment, std::string>> attachments_;
  int64_t next_ = 0;
};

class MeetingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    NodeId c = AddNode(K::kCommittee, "HB", std::nullopt, 0);
    NodeId u = AddNode(K::kUnit, "U1", c, 0);
    branch_ = AddNode(K::kBranch, "A", u, 3);
    other_ = AddNode(K::kBranch, "B", u, 0);
    group_ = AddNode(K::kGroup, "GA", branch_, 0);
    // Four full members and one probationary member in branch A, one member in B.
    for (int i = 1; i <= 5; ++i) {
      Member m = MakeMember("党员" + std::to_string(i), branch_, D("1980-01-01"),
                            i % 2 ? Gender::kMale : Gender::kFemale, i);
      if (i == 5) {
        m.status = MemberStatus::kProbationary;
        m.probationary_date = D("2026-03-01");
        m.full_date.reset();
      }
      ids_.push_back(members_.Create(ctx_, m)->id);
    }
    outsider_ =
        members_.Create(ctx_, MakeMember("外支部党员", other_, D("1981-01-01"), Gender::kMale, 9))
            ->id;
  }

  NodeId AddNode(K kind, std::string code, std::optional<NodeId> parent, int committee) {
    OrgNode n;
    n.kind = kind;
    n.name = code + "支部";
    n.code = std::move(code);
    n.parent_id = parent;
    n.committee_size = committee;
    return orgs_.Create(ctx_, n)->id;
  }

  Meeting Assembly() {
    Meeting m;
    m.node_id = branch_;
    m.type = MeetingType::kBranchAssembly;
    m.date = D("2026-11-20");
    m.start_minute = 14 * 60 + 30;
    m.topics = {{"学习", true}};
    m.attendees = {ids_[2], ids_[0], ids_[1], ids_[4]};
    m.absences = {{ids_[3], AbsenceReason::kSick, ""}};
    return m;
  }

  int Held(MeetingType type, const char* month) {
    auto lock = index_.ReadLock();
    return index_.HeldLocked(branch_, type, MonthKeyOf(D(month)));
  }

  FixedClock clock_ = FixedClock::AtNoon(D("2026-11-22"));
  testing::FakeStore store_;
  Roster roster_{clock_};
  OrgService orgs_{store_, roster_};
  MemberService members_{store_, roster_, clock_};
  FakeMeetings repo_;
  LifeIndex index_;
  MeetingService meetings_{repo_, index_, roster_, clock_};
  WriteContext ctx_{7, "书记", "", ""};
  NodeId branch_ = 0, other_ = 0, group_ = 0;
  std::vector<MemberId> ids_;
  MemberId outsider_ = 0;
};

TEST_F(MeetingServiceTest, RecordsAMeetingAndCountsIt) {
  Result<Meeting> m = meetings_.Create(ctx_, Assembly());
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->status, MeetingStatus::kSubmitted);
  EXPECT_EQ(m->branch_id, branch_);
  EXPECT_EQ(m->attendees, (std::vector<MemberId>{ids_[0], ids_[1], ids_[2], ids_[4]}));
  EXPECT_EQ(m->created_by, 7);
  EXPECT_EQ(Held(MeetingType::kBranchAssembly, "2026-11-01"), 1);
  EXPECT_EQ(index_.size(), 1u);
}

TEST_F(MeetingServiceTest, ReportsEveryProblemAndWritesNothing) {
  Meeting m = Assembly();
  m.date = D("2026-11-23");
  m.topics = {{"", false}};
  m.attendees = {ids_[0], outsider_, ids_[3]};
  m.duration_minutes = 2000;
  Result<Meeting> r = meetings_.Create(ctx_, m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(testing::FieldKeys(r.error().fields),
            (std::vector<std::string>{"date:date_in_future", "duration_minutes:duration_invalid",
                                      "topics:topics_required", "attendees:attendee_not_member",
                                      "absences:absent_and_present"}));
  EXPECT_EQ(r.error().fields[3].message,
            "党员 " + std::to_string(outsider_) + " 在 2026-11-23 不是A支部的党员");
  EXPECT_EQ(repo_.writes, 0);
  EXPECT_EQ(index_.size(), 0u);
}

TEST_F(MeetingServiceTest, WhoHoldsWhat) {
  Meeting group = Assembly();
  group.type = MeetingType::kGroupMeeting;
  Result<Meeting> r = meetings_.Create(ctx_, group);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields[0].message, "党小组会不由党支部召开");
  group.node_id = group_;
  r = meetings_.Create(ctx_, group);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->branch_id, branch_);  // the group's branch gives the rolls

  Meeting committee = Assembly();
  committee.node_id = other_;
  committee.type = MeetingType::kCommitteeMeeting;
  committee.attendees = {outsider_};
  committee.absences.clear();
  r = meetings_.Create(ctx_, committee);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields[0].key, "no_committee");
}

TEST_F(MeetingServiceTest, CommitteeMeetingNeedsMoreThanHalfOfTheCommittee) {
  Meeting m = Assembly();
  m.type = MeetingType::kCommitteeMeeting;
  m.absences.clear();
  m.attendees = {ids_[0]};
  Result<Meeting> r = meetings_.Create(ctx_, m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields[0].message,
            "支委会须有半数以上委员到会（委员 3 名，到会 1 名，ZB-18-6）");
  m.attendees = {ids_[0], ids_[1]};
  EXPECT_TRUE(meetings_.Create(ctx_, m).ok());
}

TEST_F(MeetingServiceTest, VotesNeedAQuorumOfFullMembersAndPassWithMoreThanHalf) {
  // Four full members may vote; the probationary member may not (XJ-20-3).
  Meeting m = Assembly();
  m.attendees = {ids_[0], ids_[1], ids_[4]};
  m.absences = {{ids_[2], AbsenceReason::kOfficial, "出差"}, {ids_[3], AbsenceReason::kSick, ""}};
  m.votes = {{"接收预备党员", 2, 0, 0, 0, false}};
  Result<Meeting> r = meetings_.Create(ctx_, m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields[0].key, "vote_no_quorum");
  EXPECT_EQ(r.error().fields[0].message,
            "到会有表决权的党员 2 名，未超过应到会有表决权党员 4 名的半数，不能表决（ZB-18-5）");

  m.attendees = {ids_[0], ids_[1], ids_[2], ids_[4]};
  m.absences = {{ids_[3], AbsenceReason::kSick, ""}};
  m.votes = {{"接收预备党员", 2, 1, 0, 0, false},
             {"转正", 3, 0, 0, 0, false},
             {"太多", 3, 1, 0, 0, false}};
  r = meetings_.Create(ctx_, m);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields[0].key, "vote_too_many");
  m.votes.pop_back();
  r = meetings_.Create(ctx_, m);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->votes[0].eligible, 4);
  EXPECT_FALSE(r->votes[0].passed);  // 2 of 4 is not more than half
  EXPECT_TRUE(r->votes[1].passed);

  Meeting lecture = Assembly();
  lecture.type = MeetingType::kPartyLecture;
  lecture.votes = {{"x", 1, 0, 0, 0, false}};
  EXPECT_EQ(meetings_.Create(ctx_, lecture).error().fields[0].key, "votes_not_allowed");
}

TEST_F(MeetingServiceTest, ReturnFixAndAccept) {
  MeetingId id = meetings_.Create(ctx_, Assembly())->id;
  Result<Meeting> r = meetings_.Review(ctx_, id, false, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields[0].key, "reason_required");

  r = meetings_.Review(ctx_, id, false, "缺少会议照片");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, MeetingStatus::kReturned);
  EXPECT_EQ(r->return_reason, "缺少会议照片");
  EXPECT_EQ(Held(MeetingType::kBranchAssembly, "2026-11-01"), 0);  // returned: not counted
  EXPECT_EQ(meetings_.Review(ctx_, id, true, "").error().key, "meeting.not_submitted");

  Meeting fixed = Assembly();
  fixed.minutes = "补充了记录";
  r = meetings_.Update(ctx_, id, fixed);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, MeetingStatus::kSubmitted);
  EXPECT_EQ(r->return_reason, "");
  EXPECT_EQ(Held(MeetingType::kBranchAssembly, "2026-11-01"), 1);

  ASSERT_TRUE(meetings_.Review(ctx_, id, true, "").ok());
  EXPECT_EQ(meetings_.Update(ctx_, id, fixed).error().key, "meeting.accepted");
  EXPECT_EQ(meetings_.Delete(ctx_, id).error().key, "meeting.accepted");
  EXPECT_EQ(Held(MeetingType::kBranchAssembly, "2026-11-01"), 1);

  Meeting moved = fixed;
  moved.type = MeetingType::kThemeDay;
  MeetingId other = meetings_.Create(ctx_, Assembly())->id;
  EXPECT_EQ(meetings_.Update(ctx_, other, moved).error().key, "meeting.node_change");
  ASSERT_TRUE(meetings_.Delete(ctx_, other).ok());
  EXPECT_EQ(Held(MeetingType::kBranchAssembly, "2026-11-01"), 1);
}

TEST_F(MeetingServiceTest, AttachmentsAreCheckedByTypeAndContent) {
  MeetingId id = meetings_.Create(ctx_, Assembly())->id;
  struct Case {
    const char* mime;
    std::string data;
    const char* key;
  };
  const std::vector<Case> cases = {
      {"image/gif", "GIF89a", "attachment.type_not_allowed"},
      {"image/png", "\xFF\xD8\xFF\xE0 jpeg bytes", "attachment.type_mismatch"},
      {"application/pdf", "", "attachment.empty"},
      {"application/pdf", "%PDF-" + std::string(kAttachmentMaxBytes, 'x'), "attachment.too_large"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.key);
    Result<Attachment> r = meetings_.Attach(ctx_, id, "x", c.mime, c.data);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().key, c.key);
  }
  Result<Attachment> ok =
      meetings_.Attach(ctx_, id, " 现场照片.jpg ", "image/jpeg", "\xFF\xD8\xFF\xE0");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->name, "现场照片.jpg");
  EXPECT_EQ(meetings_.GetAttachment(id, ok->id)->second, "\xFF\xD8\xFF\xE0");
  ASSERT_TRUE(meetings_.DeleteAttachment(ctx_, id, ok->id).ok());
  EXPECT_EQ(meetings_.GetAttachment(id, ok->id).error().key, "attachment.not_found");
}

TEST_F(MeetingServiceTest, LoadIndexReadsTheStore) {
  ASSERT_TRUE(meetings_.Create(ctx_, Assembly()).ok());
  LifeIndex fresh;
  MeetingService again(repo_, fresh, roster_, clock_);
  ASSERT_TRUE(again.LoadIndex().ok());
  EXPECT_EQ(fresh.size(), 1u);
  MeetingListQuery q;
  q.nodes = {branch_};
  MeetingListPage page = again.List(q);
  EXPECT_EQ(page.total, 1);
  EXPECT_EQ(page.items.at(0).date, D("2026-11-20"));
}

}  // namespace
}  // namespace dj
