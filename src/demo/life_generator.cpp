#include "demo/life_generator.h"

#include <algorithm>
#include <climits>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "demo/demo_random.h"
#include "domain/life/meeting_template.h"
#include "domain/life/period.h"

namespace dj {
namespace {

using demo::Rng;

// Streams apart from those of the roster generator, which draws from the same seed.
constexpr uint64_t kStreamBase = 0x4C49'4645'0000'0000ULL;  // "LIFE"
constexpr uint64_t kStreamGaps = kStreamBase + 1;
constexpr uint64_t kStreamDropouts = kStreamBase + 2;
constexpr uint64_t kStreamHolderBase = kStreamBase + 0x1'0000;  // + the holder's node id

constexpr int32_t kNever = INT32_MAX;
constexpr int64_t kDaySeconds = 24 * 60 * 60;

constexpr const char* kBranchPlaces[] = {"党员活动室", "三楼会议室", "二楼会议室",
                                         "小会议室",   "支部活动室", "党建活动室"};
constexpr const char* kOutingPlaces[] = {"党群服务中心", "红色教育基地", "结对社区"};
constexpr const char* kStudyPlaces[] = {"党组会议室", "一号会议室"};
constexpr const char* kTalkPlaces[] = {"书记办公室", "小会议室", "谈话室"};
constexpr int kStartMinutes[] = {14 * 60 + 30, 9 * 60, 15 * 60, 8 * 60 + 30, 16 * 60};
// Meetings held today start early, so that they are over by noon (FixedClock::AtNoon).
constexpr int kMorningStart = 8 * 60 + 30;

constexpr const char* kMinutes = "会议按议程进行，详见附件。";
constexpr const char* kTalkMinutes = "双方交流了思想和工作情况。";
constexpr const char* kCommitteeDecisions = "明确分工，按时限落实。";
constexpr const char* kVoteDecisions = "表决事项均获通过。";
constexpr const char* kCommitteeReviewer = "工委组织部";

constexpr const char* kReturnReasons[] = {"缺少会议照片或签到表", "第一议题学习内容记录不完整",
                                          "缺席人员未注明原因", "会议议题与记录内容不一致"};
constexpr const char* kGenericMotions[] = {"通过支部年度工作计划", "通过民主评议党员结果",
                                           "推荐优秀共产党员人选", "通过党费使用方案"};

struct AbsenceKind {
  AbsenceReason reason;
  int weight;  // per cent
  const char* note;
};
constexpr AbsenceKind kAbsenceKinds[] = {
    {AbsenceReason::kOfficial, 30, "出差"}, {AbsenceReason::kOfficial, 15, "外出开会"},
    {AbsenceReason::kSick, 20, ""},         {AbsenceReason::kPersonal, 30, ""},
    {AbsenceReason::kOther, 3, "外出培训"}, {AbsenceReason::kOther, 2, "借调外单位"},
};

// Titles that replace the template's last topic now and then.
std::span<const char* const> VariantsOf(MeetingType type) {
  static constexpr const char* kAssembly[] = {"讨论发展党员工作", "通报党费收缴使用情况",
                                              "讨论支部年度工作计划", "通报半年工作情况"};
  static constexpr const char* kCommittee[] = {"研究发展党员工作", "研究党员教育管理工作",
                                               "研究主题党日活动安排", "研究谈心谈话安排"};
  static constexpr const char* kGroup[] = {"学习交流：党章党规", "落实支部工作安排：志愿服务",
                                           "学习交流：业务工作中的党建问题"};
  static constexpr const char* kLecture[] = {"专题党课：加强党性修养", "专题党课：弘扬伟大建党精神",
                                             "专题党课：坚持以人民为中心", "专题党课：从严管党治党",
                                             "专题党课：发扬党的优良作风"};
  static constexpr const char* kThemeDay[] = {
      "主题实践活动：志愿服务进社区", "主题实践活动：参观红色教育基地", "主题实践活动：结对共建",
      "主题实践活动：廉洁文化教育"};
  static constexpr const char* kStudy[] = {
      "专题学习研讨：党的创新理论", "专题学习研讨：全面从严治党", "专题学习研讨：推动高质量发展",
      "专题学习研讨：意识形态工作"};
  switch (type) {
    case MeetingType::kBranchAssembly:
      return kAssembly;
    case MeetingType::kCommitteeMeeting:
      return kCommittee;
    case MeetingType::kGroupMeeting:
      return kGroup;
    case MeetingType::kPartyLecture:
      return kLecture;
    case MeetingType::kThemeDay:
      return kThemeDay;
    case MeetingType::kStudyGroup:
      return kStudy;
    default:
      return {};
  }
}

// The chance in per mille that a member on the rolls misses a meeting of `type`.
int AbsentPerMille(MeetingType type) {
  switch (type) {
    case MeetingType::kOrgLifeMeeting:
    case MeetingType::kMemberReview:
      return 40;
    case MeetingType::kThemeDay:
    case MeetingType::kPartyLecture:
      return 70;
    case MeetingType::kStudyGroup:
      return 80;
    default:
      return 60;
  }
}

template <typename T, size_t N>
const T& PickOf(Rng& rng, const T (&table)[N]) {
  return table[rng.Uniform(0, static_cast<int64_t>(N) - 1)];
}

Date MonthFirst(int month_key) { return *Date::FromYmd(month_key / 12, month_key % 12 + 1, 1); }
Date MonthLast(int month_key) { return MonthFirst(month_key + 1).AddDays(-1); }
// Quarters since year 0, as month keys are months.
int QuarterKeyOf(Date d) { return d.year() * 4 + (d.month() - 1) / 3; }
Date QuarterFirst(int quarter_key) {
  return *Date::FromYmd(quarter_key / 4, quarter_key % 4 * 3 + 1, 1);
}
Date QuarterLast(int quarter_key) { return QuarterFirst(quarter_key + 1).AddDays(-1); }

bool Contains(const std::vector<int>& keys, int key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// A member's stretch on the rolls of a holder, with what the generator needs of them.
struct Span {
  MemberId member = 0;
  NodeId group = 0;  // 0 when in no group
  const std::string* name = nullptr;
  int32_t from = 0;
  int32_t to = kNever;  // exclusive
  int32_t admitted = 0;
  int32_t full = kNever;     // first day as a full member
  int32_t dropped = kNever;  // first day from which the member attends nothing (DZ-22-3 gap)

  bool OnRolls(int32_t day) const { return from <= day && day < to; }
  bool TakesPart(int32_t day) const { return day < dropped; }
  bool Full(int32_t day) const { return full <= day; }
};

// A branch, or a unit body holding study-group sessions, with everything planned for it.
struct Holder {
  const OrgNode* node = nullptr;
  std::vector<Span> spans;             // by member, then from
  std::vector<const OrgNode*> groups;  // branches: the groups with members, in node order
  const std::string* reviewer = nullptr;
  // Gaps (see life_generator.h).
  std::vector<int> skipped_quarters;  // quarter keys without a branch assembly
  std::vector<int> skipped_months;    // month keys without a committee meeting
  bool theme_gap = false;             // no theme day in the last two months nor this one
};

struct Absent {
  const Span* span;
  const AbsenceKind* kind;
};

class LifeGenerator {
 public:
  LifeGenerator(const RosterSnapshot& snapshot, const DemoLifeOptions& options)
      : s_(snapshot),
        seed_(options.seed),
        today_(options.today),
        start_(std::max(options.today.AddYears(-options.years).AddDays(1),
                        *Date::FromYmd(2000, 1, 1))),
        first_id_(options.first_id),
        today_month_(MonthKeyOf(today_)),
        today_quarter_(QuarterKeyOf(today_)) {}

  Status Prepare() {
    for (const OrgNode& n : s_.nodes) node_[n.id] = &n;
    for (const Member& m : s_.members) member_[m.id] = &m;
    for (const OrgNode& n : s_.nodes) {
      if (n.parent_id) children_[*n.parent_id].push_back(&n);
      if (n.kind == NodeKind::kBranch) {
        branch_index_[n.id] = static_cast<uint32_t>(branches_.size());
        branches_.push_back({&n});
      }
    }
    for (auto& [id, list] : children_) {
      std::sort(list.begin(), list.end(), [](const OrgNode* a, const OrgNode* b) {
        return a->sort_order != b->sort_order ? a->sort_order < b->sort_order : a->id < b->id;
      });
    }
    DJ_RETURN_IF_ERROR(CheckPeriods());
    ChooseDropouts();
    for (const MembershipPeriod& p : s_.periods) {
      Holder& h = branches_[branch_index_.at(p.branch_id)];
      h.spans.push_back(SpanOf(p));
    }
    for (Holder& h : branches_) PrepareBranch(h);
    PlaceGaps();
    PrepareStudyHolders();
    return Ok();
  }

  std::vector<Meeting> Run() {
    const size_t years = static_cast<size_t>((today_.days() - start_.days() + 364) / 365);
    size_t per_year = study_.size() * 12;
    for (const Holder& h : branches_) per_year += 44 + 12 * h.groups.size();
    const size_t expected = years * per_year;
    out_.reserve(expected);
    keys_.reserve(expected);
    for (const Holder& h : branches_) Branch(h);
    for (const Holder& h : study_) Study(h);
    return Finish();
  }

 private:
  // ---- preparation ------------------------------------------------------------------------

  static Error Invalid(std::string message) {
    return Error::InvalidArgument("demo.snapshot_invalid", "演示数据不一致：" + std::move(message));
  }

  const OrgNode* Node(NodeId id) const {
    auto it = node_.find(id);
    return it == node_.end() ? nullptr : it->second;
  }

  Status CheckPeriods() const {
    for (const MembershipPeriod& p : s_.periods) {
      const std::string who = "党员 " + std::to_string(p.member_id);
      if (!member_.count(p.member_id)) return Invalid("组织关系中的" + who + " 不存在");
      const OrgNode* branch = Node(p.branch_id);
      if (branch == nullptr || branch->kind != NodeKind::kBranch) {
        return Invalid(who + " 的组织关系所在党支部 " + std::to_string(p.branch_id) + " 不存在");
      }
      if (p.group_id) {
        const OrgNode* group = Node(*p.group_id);
        if (group == nullptr || group->kind != NodeKind::kGroup ||
            group->parent_id != p.branch_id) {
          return Invalid(who + " 的组织关系所在党小组 " + std::to_string(*p.group_id) +
                         " 不属于党支部 " + std::to_string(p.branch_id));
        }
      }
    }
    return Ok();
  }

  Span SpanOf(const MembershipPeriod& p) const {
    const Member& m = *member_.at(p.member_id);
    Span s;
    s.member = m.id;
    s.group = p.group_id.value_or(0);
    s.name = &m.name;
    s.from = p.from.days();
    s.to = p.to ? p.to->days() : kNever;
    s.admitted = m.probationary_date.days();
    s.full = m.full_date ? m.full_date->days() : kNever;
    auto d = dropped_.find(m.id);
    if (d != dropped_.end()) s.dropped = d->second;
    return s;
  }

  // DZ-22-3: active members holding no office, on the rolls for a year or more, who stop
  // attending 4-7 whole months before today's month.
  void ChooseDropouts() {
    std::unordered_set<MemberId> officers;
    for (const OrgNode& n : s_.nodes) {
      if (n.secretary_id) officers.insert(*n.secretary_id);
    }
    std::unordered_map<MemberId, int32_t> current_from;
    for (const MembershipPeriod& p : s_.periods) {
      if (!p.to) current_from[p.member_id] = p.from.days();
    }
    const int32_t settled = today_.AddDays(-365).days();
    std::vector<MemberId> candidates;
    for (const Member& m : s_.members) {
      auto it = current_from.find(m.id);
      if (IsActive(m.status) && !officers.count(m.id) && it != current_from.end() &&
          it->second <= settled) {
        candidates.push_back(m.id);
      }
    }
    Rng rng(seed_, kStreamDropouts);
    const size_t count = std::min(candidates.size(), std::max<size_t>(3, branches_.size() / 150));
    for (size_t i = 0; i < count; ++i) {
      std::swap(candidates[i],
                candidates[rng.Uniform(static_cast<int64_t>(i),
                                       static_cast<int64_t>(candidates.size()) - 1)]);
      const int months = 4 + static_cast<int>(i % 4);
      dropped_[candidates[i]] = MonthFirst(today_month_ - months).days();
    }
  }

  // The name of the nearest organ committee's or general branch's secretary above `node`.
  const std::string* ReviewerOf(const OrgNode& node) const {
    for (const OrgNode* n = node.parent_id ? Node(*node.parent_id) : nullptr; n != nullptr;
         n = n->parent_id ? Node(*n->parent_id) : nullptr) {
      if ((n->kind == NodeKind::kOrganCommittee || n->kind == NodeKind::kGeneralBranch) &&
          n->secretary_id) {
        auto it = member_.find(*n->secretary_id);
        if (it != member_.end()) return &it->second->name;
      }
    }
    return &committee_reviewer_;
  }

  void PrepareBranch(Holder& h) {
    std::sort(h.spans.begin(), h.spans.end(), [](const Span& a, const Span& b) {
      return a.member != b.member ? a.member < b.member : a.from < b.from;
    });
    auto kids = children_.find(h.node->id);
    if (kids != children_.end()) {
      for (const OrgNode* g : kids->second) {
        if (g->kind != NodeKind::kGroup) continue;
        bool has_members = std::any_of(h.spans.begin(), h.spans.end(),
                                       [&](const Span& s) { return s.group == g->id; });
        if (has_members) h.groups.push_back(g);
      }
    }
    h.reviewer = ReviewerOf(*h.node);
  }

  // The first `count` of a random order of `items`.
  static std::vector<uint32_t> Choose(Rng& rng, std::vector<uint32_t> items, size_t count) {
    count = std::min(count, items.size());
    for (size_t i = 0; i < count; ++i) {
      std::swap(
          items[i],
          items[rng.Uniform(static_cast<int64_t>(i), static_cast<int64_t>(items.size()) - 1)]);
    }
    items.resize(count);
    return items;
  }

  void PlaceGaps() {
    Rng rng(seed_, kStreamGaps);
    const size_t n = branches_.size();
    if (n == 0) return;
    std::vector<uint32_t> all(n), with_committee;
    for (uint32_t i = 0; i < n; ++i) {
      all[i] = i;
      if (branches_[i].node->committee_size > 0) with_committee.push_back(i);
    }
    // ZB-18-5: 1-3 past quarters, one of them within the last four.
    const int first_quarter = QuarterKeyOf(start_);
    const int last_quarter = today_quarter_ - 1;
    if (last_quarter >= first_quarter) {
      for (uint32_t b : Choose(rng, all, std::max<size_t>(1, (n * 3 + 50) / 100))) {
        Holder& h = branches_[b];
        h.skipped_quarters.push_back(
            static_cast<int>(rng.Uniform(std::max(first_quarter, last_quarter - 3), last_quarter)));
        for (int64_t k = rng.Uniform(0, 2); k > 0; --k) {
          h.skipped_quarters.push_back(static_cast<int>(rng.Uniform(first_quarter, last_quarter)));
        }
      }
    }
    // ZB-18-6: 1-4 past months, one of them within the last twelve.
    const int first_month = MonthKeyOf(start_);
    const int last_month = today_month_ - 1;
    if (last_month >= first_month && !with_committee.empty()) {
      const size_t count = std::max<size_t>(1, (with_committee.size() * 5 + 50) / 100);
      for (uint32_t b : Choose(rng, with_committee, count)) {
        Holder& h = branches_[b];
        h.skipped_months.push_back(
            static_cast<int>(rng.Uniform(std::max(first_month, last_month - 11), last_month)));
        for (int64_t k = rng.Uniform(0, 3); k > 0; --k) {
          h.skipped_months.push_back(static_cast<int>(rng.Uniform(first_month, last_month)));
        }
      }
    }
    // ZB-18-8: no theme day in the last two months nor yet in this one.
    for (uint32_t b : Choose(rng, all, std::max<size_t>(1, (n + 300) / 600))) {
      branches_[b].theme_gap = true;
    }
  }

  // The unit's organ committee, else its first general branch directly under it.
  const OrgNode* StudyHolderOf(const OrgNode& unit) const {
    auto kids = children_.find(unit.id);
    if (kids == children_.end()) return nullptr;
    const OrgNode* general_branch = nullptr;
    for (const OrgNode* c : kids->second) {
      if (c->kind == NodeKind::kOrganCommittee) return c;
      if (c->kind == NodeKind::kGeneralBranch && general_branch == nullptr) general_branch = c;
    }
    return general_branch;
  }

  bool InSubtree(NodeId id, NodeId ancestor) const {
    for (const OrgNode* n = Node(id); n != nullptr;
         n = n->parent_id ? Node(*n->parent_id) : nullptr) {
      if (n->id == ancestor) return true;
    }
    return false;
  }

  // Study-group holders and their members: the holder's secretary and the secretaries of the
  // bodies directly under it (at most 15 people), while on the rolls of the holder's subtree.
  void PrepareStudyHolders() {
    constexpr size_t kMaxLeaders = 15;
    std::unordered_map<MemberId, std::vector<uint32_t>> holders_of;  // leader -> study_ indices
    for (const OrgNode& unit : s_.nodes) {
      if (unit.kind != NodeKind::kUnit) continue;
      const OrgNode* body = StudyHolderOf(unit);
      if (body == nullptr) continue;
      const uint32_t index = static_cast<uint32_t>(study_.size());
      study_.push_back({body});
      study_.back().reviewer = &committee_reviewer_;
      std::vector<MemberId> leaders;
      auto add = [&](const OrgNode& n) {
        if (n.secretary_id && leaders.size() < kMaxLeaders &&
            std::find(leaders.begin(), leaders.end(), *n.secretary_id) == leaders.end()) {
          leaders.push_back(*n.secretary_id);
        }
      };
      add(*body);
      auto kids = children_.find(body->id);
      if (kids != children_.end()) {
        for (const OrgNode* c : kids->second) add(*c);
      }
      for (MemberId id : leaders) holders_of[id].push_back(index);
    }
    for (const MembershipPeriod& p : s_.periods) {
      auto it = holders_of.find(p.member_id);
      if (it == holders_of.end()) continue;
      for (uint32_t index : it->second) {
        if (InSubtree(p.branch_id, study_[index].node->id)) {
          Span span = SpanOf(p);
          span.group = 0;
          study_[index].spans.push_back(span);
        }
      }
    }
    for (Holder& h : study_) {
      std::sort(h.spans.begin(), h.spans.end(), [](const Span& a, const Span& b) {
        return a.member != b.member ? a.member < b.member : a.from < b.from;
      });
    }
  }

  // ---- generation -------------------------------------------------------------------------

  // Habits of one holder: where and when it usually meets.
  struct Habits {
    const char* place;
    int start_minute;
    int theme_day;  // day of the month of the theme day, roughly
  };

  // Whether a meeting due in a past window was held (always, short of a planned gap), or, in
  // the current window, whether it has been held so far (half of the time).
  static bool HeldSoFar(Rng& rng, bool current) { return !current || rng.Chance(1, 2); }

  void Branch(const Holder& h) {
    Rng rng(seed_, kStreamHolderBase + static_cast<uint64_t>(h.node->id));
    const Habits habits{PickOf(rng, kBranchPlaces), PickOf(rng, kStartMinutes),
                        static_cast<int>(rng.Uniform(5, 25))};
    const int size = h.node->committee_size;
    std::vector<uint32_t> committee = CommitteeOrder(rng, h);

    for (int key = MonthKeyOf(start_); key <= today_month_; ++key) {
      const bool current = key == today_month_;
      const Date first = MonthFirst(key);
      const Date last = std::min(MonthLast(key), today_);
      auto day_of_month = [&](int day) {
        return first.AddDays(std::clamp(day, 1, DaysInMonth(first.year(), first.month())) - 1);
      };
      if (size > 0 && !Contains(h.skipped_months, key) && HeldSoFar(rng, current)) {
        Date d = current ? rng.DateBetween(first, today_)
                         : day_of_month(static_cast<int>(rng.Uniform(1, 12)));
        if (d >= start_) CommitteeMeeting(rng, h, habits, committee, d);
      }
      const bool theme_gap = h.theme_gap && key >= today_month_ - 2;
      if (!theme_gap && HeldSoFar(rng, current)) {
        Date d = current ? rng.DateBetween(first, today_)
                         : day_of_month(habits.theme_day + static_cast<int>(rng.Uniform(-3, 3)));
        if (d >= start_) Gathering(rng, h, habits, MeetingType::kThemeDay, d, nullptr);
      }
      for (const OrgNode* g : h.groups) {
        if (!HeldSoFar(rng, current)) continue;
        Date d = rng.DateBetween(first, last);
        if (d >= start_) Gathering(rng, h, habits, MeetingType::kGroupMeeting, d, g);
      }
    }

    for (int key = QuarterKeyOf(start_); key <= today_quarter_; ++key) {
      const bool current = key == today_quarter_;
      const Date first = QuarterFirst(key);
      const Date last = std::min(QuarterLast(key), today_);
      std::optional<Date> assembly;
      if (!Contains(h.skipped_quarters, key) && HeldSoFar(rng, current)) {
        Date d = rng.DateBetween(first, last);
        if (d >= start_ && Assembly(rng, h, habits, d)) assembly = d;
      }
      if (HeldSoFar(rng, current)) {
        // Often on the day of the assembly (三会一课 held together).
        Date d = assembly && rng.Chance(3, 10) ? *assembly : rng.DateBetween(first, last);
        if (d >= start_) Gathering(rng, h, habits, MeetingType::kPartyLecture, d, nullptr);
      }
    }

    for (int year = start_.year(); year <= today_.year(); ++year) {
      const Date jan1 = *Date::FromYmd(year, 1, 1);
      const Date apr1 = *Date::FromYmd(year, 4, 1);
      const Date oct1 = *Date::FromYmd(year, 10, 1);
      const Date nov1 = *Date::FromYmd(year, 11, 1);
      const Date dec31 = *Date::FromYmd(year, 12, 31);
      auto within = [&](Date d) { return start_ <= d && d <= today_; };
      Date org_life = rng.Chance(85, 100) ? rng.DateBetween(oct1, dec31)
                                          : rng.DateBetween(apr1, oct1.AddDays(-1));
      bool org_life_held =
          within(org_life) &&
          Gathering(rng, h, habits, MeetingType::kOrgLifeMeeting, org_life, nullptr);
      Date review = org_life_held && rng.Chance(7, 10) ? org_life : rng.DateBetween(nov1, dec31);
      if (within(review)) Gathering(rng, h, habits, MeetingType::kMemberReview, review, nullptr);
      for (int64_t talks = rng.Uniform(4, 8); talks > 0; --talks) {
        Date d = rng.DateBetween(jan1, dec31);
        if (within(d)) HeartTalk(rng, h, d);
      }
    }
  }

  void Study(const Holder& h) {
    Rng rng(seed_, kStreamHolderBase + static_cast<uint64_t>(h.node->id));
    const Habits habits{PickOf(rng, kStudyPlaces), PickOf(rng, kStartMinutes), 0};
    for (int key = MonthKeyOf(start_); key <= today_month_; ++key) {
      if (!HeldSoFar(rng, key == today_month_)) continue;
      Date d = rng.DateBetween(MonthFirst(key), std::min(MonthLast(key), today_));
      if (d >= start_) Gathering(rng, h, habits, MeetingType::kStudyGroup, d, nullptr);
    }
  }

  // The spans of `h` in the order its committee is filled: the secretary first, then the
  // others in a random order fixed for the branch.
  static std::vector<uint32_t> CommitteeOrder(Rng& rng, const Holder& h) {
    std::vector<uint32_t> order;
    if (h.node->committee_size == 0) return order;
    const MemberId secretary = h.node->secretary_id.value_or(0);
    std::vector<uint32_t> others;
    for (uint32_t i = 0; i < h.spans.size(); ++i) {
      (h.spans[i].member == secretary ? order : others).push_back(i);
    }
    for (size_t i = 0; i + 1 < others.size(); ++i) {
      std::swap(
          others[i],
          others[rng.Uniform(static_cast<int64_t>(i), static_cast<int64_t>(others.size()) - 1)]);
    }
    order.insert(order.end(), others.begin(), others.end());
    return order;
  }

  // Collects into roll_ the spans of `spans` on the rolls on `day`, in `group` when not 0.
  void CollectRoll(const std::vector<Span>& spans, int32_t day, NodeId group) {
    roll_.clear();
    for (const Span& s : spans) {
      if (!s.OnRolls(day) || (group != 0 && s.group != group)) continue;
      if (!roll_.empty() && roll_.back()->member == s.member) continue;
      roll_.push_back(&s);
    }
  }

  const AbsenceKind& PickAbsence(Rng& rng) {
    int64_t r = rng.Uniform(0, 99);
    for (const AbsenceKind& k : kAbsenceKinds) {
      if (r < k.weight) return k;
      r -= k.weight;
    }
    return kAbsenceKinds[0];
  }

  // Splits roll_ into present_ and absent_: each member who still takes part is absent with
  // `per_mille` chance, yet at least one is present when anyone takes part, and more than half
  // of `keep_quorum_of` when it is not 0 (a committee's quorum, ZB-18-6).
  void Split(Rng& rng, int32_t day, int per_mille, int keep_quorum_of) {
    present_.clear();
    absent_.clear();
    size_t taking_part = 0;
    for (const Span* s : roll_) taking_part += s->TakesPart(day) ? 1 : 0;
    for (const Span* s : roll_) {
      if (!s->TakesPart(day)) continue;
      bool absent = rng.Chance(per_mille, 1000);
      if (absent && keep_quorum_of > 0 &&
          static_cast<int>(taking_part - absent_.size() - 1) * 2 <= keep_quorum_of) {
        absent = false;
      }
      if (absent) {
        absent_.push_back({s, &PickAbsence(rng)});
      } else {
        present_.push_back(s);
      }
    }
    if (present_.empty() && !absent_.empty()) {
      present_.push_back(absent_.front().span);
      absent_.erase(absent_.begin());
    }
  }

  // Index in present_ of `member`, else of a random attendee.
  size_t HostIndex(Rng& rng, MemberId member) const {
    for (size_t i = 0; i < present_.size(); ++i) {
      if (present_[i]->member == member) return i;
    }
    return static_cast<size_t>(rng.Uniform(0, static_cast<int64_t>(present_.size()) - 1));
  }

  // Appends a meeting of `holder` with present_ and absent_ as its participants.
  Meeting& Add(Rng& rng, const Holder& h, const Habits& habits, MeetingType type, Date date,
               const OrgNode* group) {
    const MeetingTemplate& t = TemplateOf(type);
    keys_.push_back((static_cast<uint64_t>(date.days() - start_.days()) << 32) | out_.size());
    Meeting& m = out_.emplace_back();
    m.node_id = group ? group->id : h.node->id;
    m.branch_id = h.node->id;
    m.type = type;
    m.date = date;
    m.start_minute = date == today_
                         ? kMorningStart
                         : (rng.Chance(4, 5) ? habits.start_minute : PickOf(rng, kStartMinutes));
    m.duration_minutes = t.duration_minutes;
    m.place = type == MeetingType::kThemeDay && rng.Chance(1, 4) ? PickOf(rng, kOutingPlaces)
              : rng.Chance(9, 10)                                ? habits.place
              : type == MeetingType::kStudyGroup                 ? PickOf(rng, kStudyPlaces)
                                                                 : PickOf(rng, kBranchPlaces);
    const MemberId preferred = (group ? group->secretary_id : h.node->secretary_id).value_or(0);
    const size_t host = HostIndex(rng, preferred);
    m.host = *present_[host]->name;
    size_t recorder = host;
    if (present_.size() >= 2) {
      recorder = static_cast<size_t>(rng.Uniform(0, static_cast<int64_t>(present_.size()) - 2));
      if (recorder >= host) ++recorder;
    }
    m.recorder = *present_[recorder]->name;
    m.topics = t.topics;
    auto variants = VariantsOf(type);
    const int64_t vary = type == MeetingType::kPartyLecture ? 2 : 1;
    if (!variants.empty() && rng.Chance(vary, 3)) {
      m.topics.back().title = variants[rng.Uniform(0, static_cast<int64_t>(variants.size()) - 1)];
    }
    m.attendees.reserve(present_.size());
    for (const Span* s : present_) m.attendees.push_back(s->member);
    m.absences.reserve(absent_.size());
    for (const Absent& a : absent_) {
      m.absences.push_back({a.span->member, a.kind->reason, a.kind->note});
    }
    m.minutes = kMinutes;
    Review(rng, h, m);
    return m;
  }

  // Status and timestamps: recorded on the day; accepted after a few days, except that of the
  // last two months' records some wait for review and a few were returned.
  void Review(Rng& rng, const Holder& h, Meeting& m) {
    const int32_t age = today_.days() - m.date.days();
    m.created_at = ShanghaiMidnightUnix(m.date) + (m.start_minute + m.duration_minutes + 10) * 60;
    m.updated_at = m.created_at;
    m.status = MeetingStatus::kAccepted;
    if (age <= 2) {
      m.status = MeetingStatus::kSubmitted;
    } else if (age <= 60) {
      int64_t r = rng.Uniform(0, 99);
      m.status = r < 2    ? MeetingStatus::kReturned
                 : r < 27 ? MeetingStatus::kSubmitted
                          : MeetingStatus::kAccepted;
    }
    if (m.status == MeetingStatus::kSubmitted) return;
    m.reviewer_name = *h.reviewer;
    m.reviewed_at = m.created_at + rng.Uniform(1, std::min(5, age - 1)) * kDaySeconds;
    if (m.status == MeetingStatus::kReturned) m.return_reason = PickOf(rng, kReturnReasons);
  }

  // A meeting of the whole branch (or a group, or a study-group holder's members).
  bool Gathering(Rng& rng, const Holder& h, const Habits& habits, MeetingType type, Date date,
                 const OrgNode* group) {
    const int32_t day = date.days();
    CollectRoll(h.spans, day, group ? group->id : 0);
    Split(rng, day, AbsentPerMille(type), 0);
    if (present_.empty()) return false;
    Add(rng, h, habits, type, date, group);
    return true;
  }

  bool CommitteeMeeting(Rng& rng, const Holder& h, const Habits& habits,
                        const std::vector<uint32_t>& order, Date date) {
    const int32_t day = date.days();
    const int size = h.node->committee_size;
    roll_.clear();
    for (uint32_t i : order) {
      const Span& s = h.spans[i];
      if (!s.OnRolls(day) || !s.Full(day) || !s.TakesPart(day)) continue;
      bool chosen = std::any_of(roll_.begin(), roll_.end(),
                                [&](const Span* c) { return c->member == s.member; });
      if (chosen) continue;
      roll_.push_back(&s);
      if (static_cast<int>(roll_.size()) == size) break;
    }
    if (static_cast<int>(roll_.size()) * 2 <= size) return false;
    std::sort(roll_.begin(), roll_.end(),
              [](const Span* a, const Span* b) { return a->member < b->member; });
    Split(rng, day, AbsentPerMille(MeetingType::kCommitteeMeeting), size);
    Meeting& m = Add(rng, h, habits, MeetingType::kCommitteeMeeting, date, nullptr);
    m.decisions = kCommitteeDecisions;
    return true;
  }

  bool Assembly(Rng& rng, const Holder& h, const Habits& habits, Date date) {
    const int32_t day = date.days();
    CollectRoll(h.spans, day, 0);
    Split(rng, day, AbsentPerMille(MeetingType::kBranchAssembly), 0);
    if (present_.empty()) return false;
    // Motions: admissions and conversions due within two months, now and then another.
    std::vector<std::string> motions;
    constexpr int32_t kAhead = 60;
    constexpr size_t kMaxMotions = 3;
    for (const Span& s : h.spans) {
      if (motions.size() == kMaxMotions) break;
      if (s.from == s.admitted && day < s.admitted && s.admitted <= day + kAhead) {
        motions.push_back("接收" + *s.name + "为预备党员");
      } else if (s.OnRolls(day) && day < s.full && s.full <= day + kAhead) {
        motions.push_back("同意" + *s.name + "转为正式党员");
      }
    }
    if (motions.empty() && rng.Chance(1, 8)) motions.push_back(PickOf(rng, kGenericMotions));
    int eligible = 0;
    for (const Span* s : roll_) eligible += s->Full(day) ? 1 : 0;
    int present = 0;
    for (const Span* s : present_) present += s->Full(day) ? 1 : 0;
    Meeting& m = Add(rng, h, habits, MeetingType::kBranchAssembly, date, nullptr);
    if (motions.empty() || eligible == 0 || present * 2 <= eligible) return true;
    m.votes.reserve(motions.size());
    for (std::string& motion : motions) {
      Vote v;
      v.motion = std::move(motion);
      v.no = rng.Chance(1, 25) ? 1 : 0;
      v.abstain = rng.Chance(1, 15) ? 1 : 0;
      if ((present - v.no - v.abstain) * 2 <= eligible) v.no = v.abstain = 0;
      v.yes = present - v.no - v.abstain;
      v.eligible = eligible;
      v.passed = v.yes * 2 > eligible;
      m.votes.push_back(std::move(v));
    }
    m.decisions = kVoteDecisions;
    return true;
  }

  // ZB-18-12: the secretary (or, without one that day, a member) and another member.
  bool HeartTalk(Rng& rng, const Holder& h, Date date) {
    const int32_t day = date.days();
    CollectRoll(h.spans, day, 0);
    present_.clear();
    absent_.clear();
    for (const Span* s : roll_) {
      if (s->TakesPart(day)) present_.push_back(s);
    }
    if (present_.size() < 2) return false;
    const size_t a = HostIndex(rng, h.node->secretary_id.value_or(0));
    size_t b = static_cast<size_t>(rng.Uniform(0, static_cast<int64_t>(present_.size()) - 2));
    if (b >= a) ++b;
    const Span* talker = present_[a];
    const MemberId lo = std::min(talker->member, present_[b]->member);
    const MemberId hi = std::max(talker->member, present_[b]->member);
    const MeetingTemplate& t = TemplateOf(MeetingType::kHeartTalk);
    keys_.push_back((static_cast<uint64_t>(day - start_.days()) << 32) | out_.size());
    Meeting& m = out_.emplace_back();
    m.node_id = h.node->id;
    m.branch_id = h.node->id;
    m.type = MeetingType::kHeartTalk;
    m.date = date;
    m.start_minute = date == today_ ? kMorningStart : PickOf(rng, kStartMinutes);
    m.duration_minutes = t.duration_minutes;
    m.place = PickOf(rng, kTalkPlaces);
    m.host = *talker->name;
    m.recorder = *talker->name;
    m.topics = t.topics;
    m.attendees = {lo, hi};
    m.minutes = kTalkMinutes;
    Review(rng, h, m);
    return true;
  }

  // Orders the records by date, keeping generation order within a day, and numbers them.
  std::vector<Meeting> Finish() {
    std::sort(keys_.begin(), keys_.end());
    const size_t n = out_.size();
    std::vector<uint32_t> source(n);  // position i receives the record made source[i]-th
    for (size_t i = 0; i < n; ++i) source[i] = static_cast<uint32_t>(keys_[i] & 0xFFFF'FFFFu);
    for (size_t i = 0; i < n; ++i) {
      if (source[i] == i) continue;
      Meeting moving = std::move(out_[i]);
      size_t j = i;
      for (;;) {
        const size_t k = source[j];
        source[j] = static_cast<uint32_t>(j);
        if (k == i) {
          out_[j] = std::move(moving);
          break;
        }
        out_[j] = std::move(out_[k]);
        j = k;
      }
    }
    for (size_t i = 0; i < n; ++i) out_[i].id = first_id_ + static_cast<MeetingId>(i);
    return std::move(out_);
  }

  const RosterSnapshot& s_;
  const uint64_t seed_;
  const Date today_;
  const Date start_;  // the first day records may have
  const MeetingId first_id_;
  const int today_month_;
  const int today_quarter_;
  const std::string committee_reviewer_ = kCommitteeReviewer;

  std::unordered_map<NodeId, const OrgNode*> node_;
  std::unordered_map<MemberId, const Member*> member_;
  std::unordered_map<NodeId, std::vector<const OrgNode*>> children_;  // by sort order
  std::unordered_map<NodeId, uint32_t> branch_index_;                 // into branches_
  std::unordered_map<MemberId, int32_t> dropped_;  // DZ-22-3 dropouts: first day absent
  std::vector<Holder> branches_;                   // in node order
  std::vector<Holder> study_;                      // study-group holders, by unit

  std::vector<Meeting> out_;
  std::vector<uint64_t> keys_;  // (days since start_) << 32 | index in out_
  // Scratch for one meeting.
  std::vector<const Span*> roll_;
  std::vector<const Span*> present_;
  std::vector<Absent> absent_;
};

}  // namespace

Result<std::vector<Meeting>> GenerateDemoMeetings(const RosterSnapshot& snapshot,
                                                  const DemoLifeOptions& options) {
  const int year = options.today.year();
  if (year < 2000 || year > 2100) {
    return Error::InvalidArgument("demo.today_out_of_range",
                                  "演示数据的当前日期须在2000年至2100年之间");
  }
  if (options.years < 1 || options.years > 20) {
    return Error::InvalidArgument("demo.years_out_of_range", "演示组织生活记录的年数须在1至20之间");
  }
  LifeGenerator generator(snapshot, options);
  DJ_RETURN_IF_ERROR(generator.Prepare());
  return generator.Run();
}

}  // namespace dj
