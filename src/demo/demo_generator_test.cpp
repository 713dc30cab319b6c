#include "demo/demo_generator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/id_number.h"
#include "common/text.h"
#include "demo/demo_tables.h"
#include "domain/member/member_validation.h"
#include "domain/org/org_tree.h"
#include "domain/roster/roster.h"

namespace dj {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

const Date kToday = *Date::FromYmd(2025, 6, 15);

RosterSnapshot Generate(DemoScale scale, uint64_t seed = 1, Date today = kToday) {
  auto result = GenerateDemo({scale, seed, today});
  EXPECT_TRUE(result.ok()) << result.error().message;
  return std::move(result).value();
}

// Each scale generated once (seed 1, kToday) and shared by the tests that only read it.
const RosterSnapshot& Shared(DemoScale scale) {
  static std::map<DemoScale, RosterSnapshot> cache;
  auto it = cache.find(scale);
  if (it == cache.end()) it = cache.emplace(scale, Generate(scale)).first;
  return it->second;
}

// Indexes over a snapshot for the checks below.
class View {
 public:
  explicit View(const RosterSnapshot& s) {
    for (const OrgNode& n : s.nodes) node_[n.id] = &n;
    for (const Member& m : s.members) {
      member_[m.id] = &m;
      if (IsActive(m.status)) {
        ++active_[m.branch_id];
        if (m.status == MemberStatus::kFull) ++full_[m.branch_id];
      }
    }
    for (const MembershipPeriod& p : s.periods) periods_[p.member_id].push_back(&p);
    for (const OrgNode& n : s.nodes) {
      if (n.parent_id) children_[*n.parent_id].push_back(&n);
    }
    for (const auto& [branch, count] : active_) {
      for (const OrgNode* n = Node(branch); n != nullptr;
           n = n->parent_id ? Node(*n->parent_id) : nullptr) {
        active_under_[n->id] += count;
      }
    }
  }

  const OrgNode* Node(NodeId id) const {
    auto it = node_.find(id);
    return it == node_.end() ? nullptr : it->second;
  }
  const Member* FindMember(MemberId id) const {
    auto it = member_.find(id);
    return it == member_.end() ? nullptr : it->second;
  }
  const std::vector<const MembershipPeriod*>& PeriodsOf(MemberId id) const {
    static const std::vector<const MembershipPeriod*> kNone;
    auto it = periods_.find(id);
    return it == periods_.end() ? kNone : it->second;
  }
  int Active(NodeId branch) const { return Lookup(active_, branch); }
  int Full(NodeId branch) const { return Lookup(full_, branch); }

  // True when `id` is `ancestor` or lies below it.
  bool InSubtree(NodeId id, NodeId ancestor) const {
    for (const OrgNode* n = Node(id); n != nullptr;
         n = n->parent_id ? Node(*n->parent_id) : nullptr) {
      if (n->id == ancestor) return true;
    }
    return false;
  }
  // The unit above `id`, or null.
  const OrgNode* UnitOf(NodeId id) const {
    for (const OrgNode* n = Node(id); n != nullptr;
         n = n->parent_id ? Node(*n->parent_id) : nullptr) {
      if (n->kind == NodeKind::kUnit) return n;
    }
    return nullptr;
  }
  std::vector<const OrgNode*> Children(NodeId id) const {
    auto it = children_.find(id);
    return it == children_.end() ? std::vector<const OrgNode*>{} : it->second;
  }
  // Active members in the subtree of `id`.
  int ActiveUnder(NodeId id) const { return Lookup(active_under_, id); }

 private:
  static int Lookup(const std::unordered_map<NodeId, int>& map, NodeId id) {
    auto it = map.find(id);
    return it == map.end() ? 0 : it->second;
  }

  std::unordered_map<NodeId, const OrgNode*> node_;
  std::unordered_map<NodeId, std::vector<const OrgNode*>> children_;
  std::unordered_map<NodeId, int> active_under_;
  std::unordered_map<MemberId, const Member*> member_;
  std::unordered_map<MemberId, std::vector<const MembershipPeriod*>> periods_;
  std::unordered_map<NodeId, int> active_;
  std::unordered_map<NodeId, int> full_;
};

bool IsCodeChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// True when `text` consists of CJK unified ideographs only (3-byte UTF-8 from U+4E00).
bool IsAllHan(std::string_view text) {
  if (text.empty() || text.size() % 3 != 0 || !IsValidUtf8(text)) return false;
  for (size_t i = 0; i < text.size(); i += 3) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0xE4 || b > 0xE9) return false;
  }
  return true;
}

std::string Describe(const Member& m) { return "member " + std::to_string(m.id) + " " + m.name; }
std::string Describe(const OrgNode& n) { return "node " + std::to_string(n.id) + " " + n.code; }

// Every violation of the invariants the domain's validation enforces, one line each.
std::vector<std::string> Violations(const RosterSnapshot& s, Date today) {
  std::vector<std::string> out;
  auto fail = [&](const std::string& what) { out.push_back(what); };
  View view(s);

  // ---- nodes ----
  std::unordered_set<std::string> codes;
  std::set<std::pair<NodeId, int>> sibling_orders;
  for (size_t i = 0; i < s.nodes.size(); ++i) {
    const OrgNode& n = s.nodes[i];
    const std::string who = Describe(n);
    if (n.id != static_cast<NodeId>(i) + 1) fail(who + ": ids are not 1..N in order");
    if (n.name.empty() || !IsValidUtf8(n.name) || n.name.find("机关机关") != std::string::npos) {
      fail(who + ": bad name");
    }
    if (n.code.empty() || n.code.size() > 40 ||
        !std::all_of(n.code.begin(), n.code.end(), IsCodeChar)) {
      fail(who + ": bad code");
    }
    if (!codes.insert(n.code).second) fail(who + ": duplicate code");
    if (n.kind == NodeKind::kCommittee) {
      if (i != 0 || n.parent_id) fail(who + ": the committee must be the first node, a root");
    } else {
      const OrgNode* parent = n.parent_id ? view.Node(*n.parent_id) : nullptr;
      if (parent == nullptr || parent->id >= n.id) {
        fail(who + ": parent missing or created after its child");
      } else if (!MayBeChildOf(n.kind, parent->kind)) {
        fail(who + ": may not sit under a " + NodeKindId(parent->kind));
      }
    }
    if (n.sort_order <= 0 ||
        !sibling_orders.insert({n.parent_id.value_or(0), n.sort_order}).second) {
      fail(who + ": sort_order not positive and distinct among siblings");
    }
    const bool elected = n.kind == NodeKind::kOrganCommittee ||
                         n.kind == NodeKind::kGeneralBranch || n.kind == NodeKind::kBranch;
    if (elected) {
      const int years = n.kind == NodeKind::kOrganCommittee ? 5 : 3;  // JG-19-1, JG-18-R
      if (!n.term_start || !n.term_end) {
        fail(who + ": term missing");
      } else if (!(*n.term_start < *n.term_end) || *n.term_end != n.term_start->AddYears(years) ||
                 *n.term_start > today) {
        fail(who + ": term wrong");
      }
      if (!n.secretary_id) fail(who + ": no secretary");
    } else if (n.term_start || n.term_end || n.committee_size != 0) {
      fail(who + ": term or committee on a node that is not elected");
    }
    if (n.secretary_id) {
      const Member* sec = view.FindMember(*n.secretary_id);
      bool within =
          sec != nullptr && (n.kind == NodeKind::kGroup ? sec->group_id == n.id
                                                        : view.InSubtree(sec->branch_id, n.id));
      if (sec == nullptr || sec->status != MemberStatus::kFull || !within) {
        fail(who + ": secretary is not an active full member of the subtree");
      }
    }
    if (n.kind == NodeKind::kBranch) {
      if (n.committee_size != 0 && n.committee_size != 3 && n.committee_size != 5 &&
          n.committee_size != 7) {
        fail(who + ": committee size not 0, 3, 5 or 7");
      }
      if (view.Full(n.id) < 7 && n.committee_size != 0)
        fail(who + ": committee under 7 full (ZB-18-4)");
      if (view.Active(n.id) == 0) fail(who + ": empty branch");
    }
  }

  // ---- members ----
  std::unordered_set<std::string> ids;
  for (size_t i = 0; i < s.members.size(); ++i) {
    const Member& m = s.members[i];
    const std::string who = Describe(m);
    if (m.id != static_cast<MemberId>(i) + 1) fail(who + ": ids are not 1..M in order");
    if (!IsAllHan(m.name) || Utf8Length(m.name) < 2 || Utf8Length(m.name) > 20)
      fail(who + ": bad name");
    if (!IsKnownEthnicity(m.ethnicity)) fail(who + ": unknown ethnicity");
    IdNumberCheck check = CheckIdNumber(m.id_number);
    if (!check.info || check.info->birth_date != m.birth_date || check.info->gender != m.gender ||
        m.id_number[17] == 'x') {
      fail(who + ": ID number " + m.id_number + " invalid or not matching");
    }
    if (!ids.insert(m.id_number).second) fail(who + ": duplicate ID number");
    if (!(m.birth_date < m.probationary_date) || m.probationary_date > today) {
      fail(who + ": admission not between birth and today");
    }
    if (FullYearsBetween(m.birth_date, m.probationary_date) < 18)
      fail(who + ": admitted under 18 (FZ-14-1)");
    if (m.full_date && (*m.full_date < m.probationary_date.AddYears(1) ||
                        *m.full_date > m.probationary_date.AddYears(2))) {
      fail(who + ": probation not 1 year plus at most 1 year's extension (DZ-22-2)");
    }
    switch (m.status) {
      case MemberStatus::kFull:
        if (!m.full_date || *m.full_date > today) fail(who + ": full without a past full_date");
        if (m.left_date) fail(who + ": active with left_date");
        break;
      case MemberStatus::kProbationary:
        if (m.full_date || m.left_date) fail(who + ": probationary with full_date or left_date");
        if (m.probationary_date.AddYears(2) <= today) fail(who + ": probation past 2 years");
        break;
      case MemberStatus::kTransferredOut:
      case MemberStatus::kDeceased:
      case MemberStatus::kLapsed:
        if (!m.left_date || *m.left_date < m.probationary_date || *m.left_date > today) {
          fail(who + ": left without a left_date between admission and today");
        } else if (m.full_date && *m.full_date > *m.left_date) {
          fail(who + ": full after leaving");
        }
        if (m.group_id) fail(who + ": left but in a group");
        break;
    }
    if (!m.phone.empty() && !IsValidPhone(m.phone)) fail(who + ": bad phone " + m.phone);
    const OrgNode* branch = view.Node(m.branch_id);
    if (branch == nullptr || branch->kind != NodeKind::kBranch)
      fail(who + ": branch_id is not a branch");
    if (m.group_id) {
      const OrgNode* group = view.Node(*m.group_id);
      if (group == nullptr || group->kind != NodeKind::kGroup || group->parent_id != m.branch_id) {
        fail(who + ": group is not a group of the branch");
      }
    }
    if (IsActive(m.status)) {
      int age = FullYearsBetween(m.birth_date, today);
      auto [lo, hi] = m.category == MemberCategory::kRetired   ? std::pair{60, 95}
                      : m.category == MemberCategory::kStudent ? std::pair{18, 25}
                                                               : std::pair{23, 60};
      if (age < lo || age > hi)
        fail(who + ": age " + std::to_string(age) + " unlikely for the category");
    }
    if (m.post.empty()) fail(who + ": no post");

    // ---- the member's periods ----
    const auto& periods = view.PeriodsOf(m.id);
    if (periods.empty() || periods.size() > 2) {
      fail(who + ": " + std::to_string(periods.size()) + " periods");
      continue;
    }
    if (periods.front()->from < m.probationary_date) fail(who + ": period before admission");
    for (size_t k = 0; k < periods.size(); ++k) {
      const MembershipPeriod& p = *periods[k];
      const OrgNode* pb = view.Node(p.branch_id);
      if (pb == nullptr || pb->kind != NodeKind::kBranch)
        fail(who + ": period branch is not a branch");
      if (p.group_id) {
        const OrgNode* g = view.Node(*p.group_id);
        if (g == nullptr || g->kind != NodeKind::kGroup || g->parent_id != p.branch_id) {
          fail(who + ": period group is not a group of its branch");
        }
      }
      if (p.from > today || (p.to && !(p.from < *p.to)))
        fail(who + ": period empty or in the future");
      if (k + 1 < periods.size()) {
        if (p.to != periods[k + 1]->from) fail(who + ": periods not contiguous");
        if (p.branch_id == periods[k + 1]->branch_id) fail(who + ": moved within the same branch");
      }
    }
    const MembershipPeriod& last = *periods.back();
    if (last.branch_id != m.branch_id || last.group_id != m.group_id) {
      fail(who + ": last period not in the member's branch and group");
    }
    if (last.to != m.left_date)
      fail(who + ": last period not open iff active, closed at left_date");
  }
  for (const MembershipPeriod& p : s.periods) {
    if (view.FindMember(p.member_id) == nullptr)
      fail("period of unknown member " + std::to_string(p.member_id));
  }
  return out;
}

std::vector<std::string> First(std::vector<std::string> v, size_t n = 10) {
  if (v.size() > n) v.resize(n);
  return v;
}

struct Counts {
  int zones = 0, units = 0, organ_committees = 0, general_branches = 0, branches = 0, groups = 0;
  int active = 0, movers = 0;
  std::array<int, kMemberStatusCount> by_status{};
};

Counts CountOf(const RosterSnapshot& s) {
  Counts c;
  for (const OrgNode& n : s.nodes) {
    switch (n.kind) {
      case NodeKind::kZone:
        ++c.zones;
        break;
      case NodeKind::kUnit:
        ++c.units;
        break;
      case NodeKind::kOrganCommittee:
        ++c.organ_committees;
        break;
      case NodeKind::kGeneralBranch:
        ++c.general_branches;
        break;
      case NodeKind::kBranch:
        ++c.branches;
        break;
      case NodeKind::kGroup:
        ++c.groups;
        break;
      case NodeKind::kCommittee:
        break;
    }
  }
  for (const Member& m : s.members) {
    ++c.by_status[static_cast<int>(m.status)];
    c.active += IsActive(m.status);
  }
  c.movers = static_cast<int>(s.periods.size() - s.members.size());
  return c;
}

// The names of the units holding the branches for which `pred(branch)` holds.
template <typename Pred>
std::set<std::string> UnitsWithBranches(const RosterSnapshot& s, Pred pred) {
  View view(s);
  std::set<std::string> out;
  for (const OrgNode& n : s.nodes) {
    if (n.kind == NodeKind::kBranch && pred(view, n)) out.insert(view.UnitOf(n.id)->name);
  }
  return out;
}

// ---- options -------------------------------------------------------------------------------

TEST(DemoGeneratorTest, ParsesScales) {
  struct Case {
    std::string_view text;
    std::optional<DemoScale> want;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"small", DemoScale::kSmall},
           {"city", DemoScale::kCity},
           {"province", DemoScale::kProvince},
           {"contest", DemoScale::kContest},
           {"", std::nullopt},
           {"Small", std::nullopt},
           {"medium", std::nullopt},
           {" city", std::nullopt},
           {"province ", std::nullopt},
       }) {
    EXPECT_EQ(ParseDemoScale(c.text), c.want) << c.text;
  }
  for (DemoScale s :
       {DemoScale::kSmall, DemoScale::kCity, DemoScale::kProvince, DemoScale::kContest}) {
    EXPECT_EQ(ParseDemoScale(DemoScaleId(s)), s);
  }
}

TEST(DemoGeneratorTest, RejectsTodayOutsideTheSupportedYears) {
  for (Date today : {Date(), *Date::FromYmd(1999, 12, 31), *Date::FromYmd(2101, 1, 1)}) {
    auto r = GenerateDemo({DemoScale::kSmall, 1, today});
    ASSERT_FALSE(r.ok()) << today.ToString();
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().key, "demo.today_out_of_range");
    EXPECT_EQ(r.error().message, "演示数据的当前日期须在2000年至2100年之间");
  }
  for (Date today : {*Date::FromYmd(2000, 1, 1), *Date::FromYmd(2100, 12, 31)}) {
    EXPECT_TRUE(GenerateDemo({DemoScale::kSmall, 1, today}).ok()) << today.ToString();
  }
}

// ---- determinism ---------------------------------------------------------------------------

TEST(DemoGeneratorTest, SameOptionsGiveTheSameSnapshot) {
  for (DemoScale scale : {DemoScale::kSmall, DemoScale::kCity}) {
    RosterSnapshot a = Generate(scale, 7), b = Generate(scale, 7);
    EXPECT_TRUE(a.nodes == b.nodes) << DemoScaleId(scale);
    EXPECT_TRUE(a.members == b.members) << DemoScaleId(scale);
    EXPECT_TRUE(a.periods == b.periods) << DemoScaleId(scale);
  }
}

// FNV-1a over every field of the snapshot, in order.
uint64_t Fingerprint(const RosterSnapshot& s) {
  uint64_t h = 0xCBF29CE484222325ULL;
  auto mix = [&](std::string_view text) {
    for (unsigned char c : text) h = (h ^ c) * 0x100000001B3ULL;
    h = (h ^ 0xFF) * 0x100000001B3ULL;  // field separator
  };
  auto num = [&](int64_t v) { mix(std::to_string(v)); };
  auto date = [&](std::optional<Date> d) { mix(d ? d->ToString() : "-"); };
  for (const OrgNode& n : s.nodes) {
    num(n.id);
    mix(NodeKindId(n.kind));
    mix(n.name);
    mix(n.code);
    num(n.parent_id.value_or(0));
    num(n.sort_order);
    date(n.term_start);
    date(n.term_end);
    num(n.secretary_id.value_or(0));
    num(n.committee_size);
  }
  for (const Member& m : s.members) {
    num(m.id);
    mix(m.name);
    mix(GenderId(m.gender));
    mix(m.ethnicity);
    date(m.birth_date);
    mix(m.id_number);
    mix(EducationId(m.education));
    mix(m.phone);
    date(m.probationary_date);
    date(m.full_date);
    mix(MemberStatusId(m.status));
    date(m.left_date);
    mix(MemberCategoryId(m.category));
    num(m.branch_id);
    num(m.group_id.value_or(0));
    mix(m.post);
  }
  for (const MembershipPeriod& p : s.periods) {
    num(p.member_id);
    num(p.branch_id);
    num(p.group_id.value_or(0));
    date(p.from);
    date(p.to);
  }
  return h;
}

TEST(DemoGeneratorTest, OutputIsTheSameOnEveryPlatform) {
  // A change detector on purpose: the same options must give the same data with every
  // compiler and standard library (an unsequenced pair of draws once made GCC and Clang
  // disagree). When the generator is changed deliberately, put the new value here.
  EXPECT_EQ(Fingerprint(Shared(DemoScale::kSmall)), 0x1FD27739386946C4ULL)
      << std::hex << "0x" << Fingerprint(Shared(DemoScale::kSmall));
}

TEST(DemoGeneratorTest, AnotherSeedOrDayGivesAnotherSnapshot) {
  RosterSnapshot a = Generate(DemoScale::kSmall, 1);
  RosterSnapshot b = Generate(DemoScale::kSmall, 2);
  RosterSnapshot c = Generate(DemoScale::kSmall, 1, kToday.AddDays(1));
  EXPECT_FALSE(a.members == b.members);
  EXPECT_FALSE(a.members == c.members);
  // The tree's frame does not depend on the seed: same units in the same places.
  auto units = [](const RosterSnapshot& s) {
    std::vector<std::string> out;
    for (const OrgNode& n : s.nodes) {
      if (n.kind == NodeKind::kUnit) out.push_back(n.code + " " + n.name);
    }
    return out;
  };
  EXPECT_EQ(units(a), units(b));
}

// ---- counts --------------------------------------------------------------------------------

TEST(DemoGeneratorTest, SmallScaleCounts) {
  Counts c = CountOf(Shared(DemoScale::kSmall));
  EXPECT_EQ(c.zones, 2);
  EXPECT_EQ(c.units, 6);
  EXPECT_GE(c.organ_committees, 1);
  EXPECT_GE(c.general_branches, 1);
  EXPECT_GE(c.branches, 30);
  EXPECT_LE(c.branches, 50);
  EXPECT_GE(c.groups, 1);
  EXPECT_GE(c.active, 500);
  EXPECT_LE(c.active, 700);
  EXPECT_GE(c.movers, 5);
}

TEST(DemoGeneratorTest, CityScaleCounts) {
  Counts c = CountOf(Shared(DemoScale::kCity));
  EXPECT_EQ(c.zones, 6);
  EXPECT_EQ(c.units, 90);
  EXPECT_GE(c.branches, 900);
  EXPECT_LE(c.branches, 1100);
  EXPECT_GE(c.active, 18'000);
  EXPECT_LE(c.active, 22'000);
  EXPECT_GE(c.movers, 50);
}

// ---- invariants ----------------------------------------------------------------------------

TEST(DemoGeneratorTest, SmallAndCitySatisfyTheInvariants) {
  // The province is checked in ProvinceScale.
  for (DemoScale scale : {DemoScale::kSmall, DemoScale::kCity}) {
    EXPECT_THAT(First(Violations(Shared(scale), kToday)), IsEmpty()) << DemoScaleId(scale);
  }
  // Other seeds and days, including a leap day, which stresses the date arithmetic.
  struct Case {
    uint64_t seed;
    Date today;
  };
  for (const Case& c : {Case{2, *Date::FromYmd(2024, 2, 29)}, Case{3, *Date::FromYmd(2031, 12, 31)},
                        Case{99, *Date::FromYmd(2000, 3, 1)}}) {
    EXPECT_THAT(First(Violations(Generate(DemoScale::kCity, c.seed, c.today), c.today)), IsEmpty())
        << c.seed << " " << c.today.ToString();
  }
}

TEST(DemoGeneratorTest, TheInvariantCheckCatchesBrokenData) {
  const RosterSnapshot& good = Shared(DemoScale::kSmall);
  ASSERT_THAT(Violations(good, kToday), IsEmpty());
  {
    RosterSnapshot s = good;
    std::string& id = s.members[0].id_number;
    id[17] = id[17] == '0' ? '1' : '0';
    EXPECT_THAT(Violations(s, kToday), ElementsAre(::testing::HasSubstr("ID number")));
  }
  {
    RosterSnapshot s = good;
    s.members[1].probationary_date = s.members[1].birth_date.AddYears(17);
    EXPECT_THAT(Violations(s, kToday), ::testing::Contains(::testing::HasSubstr("FZ-14-1")));
  }
  {
    RosterSnapshot s = good;
    s.periods.back().to = kToday;
    EXPECT_THAT(Violations(s, kToday),
                ::testing::Contains(::testing::HasSubstr("open iff active")));
  }
  {
    RosterSnapshot s = good;
    s.nodes.back().code = s.nodes.front().code;
    EXPECT_THAT(Violations(s, kToday), ::testing::Contains(::testing::HasSubstr("duplicate code")));
  }
  {
    RosterSnapshot s = good;
    s.members[2].name = "Wang";
    EXPECT_THAT(Violations(s, kToday), ElementsAre(::testing::HasSubstr("bad name")));
  }
}

// Units whose party organisation does not match their size (JG-19-1/2), as "name members".
std::vector<std::string> StructureProblems(const RosterSnapshot& s) {
  View view(s);
  std::vector<std::string> wrong;
  for (const OrgNode& unit : s.nodes) {
    if (unit.kind != NodeKind::kUnit) continue;
    const int members = view.ActiveUnder(unit.id);
    auto children = view.Children(unit.id);
    NodeKind want = members >= 100  ? NodeKind::kOrganCommittee  // JG-19-1
                    : members >= 50 ? NodeKind::kGeneralBranch   // JG-19-2
                                    : NodeKind::kBranch;
    bool ok = !children.empty() &&
              std::all_of(children.begin(), children.end(),
                          [&](const OrgNode* c) { return c->kind == want; }) &&
              (want == NodeKind::kBranch || children.size() == 1);
    if (!ok) wrong.push_back(unit.name + " " + std::to_string(members));
  }
  return wrong;
}

TEST(DemoGeneratorTest, PassesTheDomainsOwnChecks) {
  const RosterSnapshot& s = Shared(DemoScale::kCity);
  std::vector<std::string> wrong;
  std::map<MemberId, Date> first_from;
  for (const MembershipPeriod& p : s.periods) first_from.emplace(p.member_id, p.from);
  for (const Member& m : s.members) {
    for (const FieldError& e : ValidateMemberFields(m, kToday)) {
      wrong.push_back(Describe(m) + ": " + e.key + " " + e.message);
    }
    for (const FieldError& e : ValidateBranchSince(m, first_from.at(m.id), kToday)) {
      wrong.push_back(Describe(m) + ": " + e.key + " " + e.message);
    }
    Member normalized = m;
    NormalizeMember(normalized);
    if (!(normalized == m)) wrong.push_back(Describe(m) + ": changed by NormalizeMember");
  }
  EXPECT_THAT(First(wrong), IsEmpty());
  EXPECT_TRUE(OrgTree::Build(s.nodes).ok());

  // The read model loads it, and its statistics see today's members and fewer two years ago.
  FixedClock clock = FixedClock::AtNoon(kToday);
  Roster roster(clock);
  ASSERT_TRUE(roster.Load(s).ok());
  auto now = roster.Stats(s.nodes[0].id, kToday);
  auto then = roster.Stats(s.nodes[0].id, kToday.AddYears(-2));
  ASSERT_TRUE(now.ok() && then.ok());
  EXPECT_EQ(now->total, CountOf(s).active);
  EXPECT_LT(then->total, now->total);
  EXPECT_EQ(now->nodes_by_kind[static_cast<int>(NodeKind::kBranch)], CountOf(s).branches);
}

TEST(DemoGeneratorTest, StructureFollowsTheRegulations) {
  for (DemoScale scale : {DemoScale::kSmall, DemoScale::kCity}) {
    EXPECT_THAT(First(StructureProblems(Shared(scale))), IsEmpty()) << DemoScaleId(scale);
  }
}

TEST(DemoGeneratorTest, GroupsAreInLargerBranchesAndHoldMostOfTheirMembers) {
  const RosterSnapshot& s = Shared(DemoScale::kCity);
  View view(s);
  std::set<NodeId> with_groups;
  for (const OrgNode& n : s.nodes) {
    if (n.kind == NodeKind::kGroup) with_groups.insert(*n.parent_id);
  }
  int in_group = 0, without = 0;
  std::map<NodeId, int> per_group;
  for (const Member& m : s.members) {
    if (!IsActive(m.status) || !with_groups.count(m.branch_id)) continue;
    if (m.group_id) {
      ++in_group;
      ++per_group[*m.group_id];
    } else {
      ++without;
    }
  }
  EXPECT_GT(in_group, 5 * without);
  EXPECT_GT(without, 0);
  for (const OrgNode& n : s.nodes) {
    if (n.kind != NodeKind::kGroup) continue;
    EXPECT_GE(view.Active(*n.parent_id), 25) << n.code;
    EXPECT_GE(per_group[n.id], 3) << n.code;
  }
}

// ---- the deliberate problems ---------------------------------------------------------------

struct Problems {
  std::set<std::string> oversize, no_committee, expired, too_few_full;
};

Problems ProblemsOf(const RosterSnapshot& s) {
  Problems p;
  p.oversize =
      UnitsWithBranches(s, [](const View& v, const OrgNode& b) { return v.Active(b.id) > 50; });
  p.no_committee = UnitsWithBranches(s, [](const View& v, const OrgNode& b) {
    return v.Full(b.id) >= 7 && b.committee_size == 0;
  });
  p.expired =
      UnitsWithBranches(s, [](const View&, const OrgNode& b) { return *b.term_end < kToday; });
  p.too_few_full =
      UnitsWithBranches(s, [](const View& v, const OrgNode& b) { return v.Full(b.id) < 3; });
  return p;
}

TEST(DemoGeneratorTest, CityAndSmallHaveTheDocumentedProblems) {
  Problems city = ProblemsOf(Shared(DemoScale::kCity));
  EXPECT_THAT(city.oversize, UnorderedElementsAre("市委办公室", "市公安局"));
  EXPECT_THAT(city.no_committee, UnorderedElementsAre("市财政局", "市交通运输局"));
  EXPECT_THAT(city.expired, UnorderedElementsAre("市民政局", "市水利和湖泊局", "市体育局"));
  EXPECT_THAT(city.too_few_full, UnorderedElementsAre("市农业农村局"));
  Problems small = ProblemsOf(Shared(DemoScale::kSmall));
  EXPECT_THAT(small.oversize, UnorderedElementsAre("省委办公厅"));
  EXPECT_THAT(small.no_committee, UnorderedElementsAre("省发展和改革委员会"));
  EXPECT_THAT(small.expired, UnorderedElementsAre("省教育厅"));
  EXPECT_THAT(small.too_few_full, UnorderedElementsAre("省教育厅"));
}

TEST(DemoGeneratorTest, TermsAndProbationsEndInTheComingMonths) {
  const RosterSnapshot& s = Shared(DemoScale::kCity);
  const Date soon = kToday.AddMonths(3);
  int terms_soon = 0;
  std::set<int> end_months;
  for (const OrgNode& n : s.nodes) {
    if (n.kind != NodeKind::kBranch) continue;
    if (*n.term_end >= kToday && *n.term_end < soon) ++terms_soon;
    end_months.insert(n.term_end->year() * 12 + n.term_end->month());
  }
  EXPECT_GE(terms_soon, 3);
  EXPECT_LE(terms_soon, 1'000);
  EXPECT_GE(end_months.size(), 30u);  // staggered over the three years

  int probations_soon = 0, extended = 0;
  for (const Member& m : s.members) {
    if (m.status != MemberStatus::kProbationary) continue;
    Date end = m.probationary_date.AddYears(1);
    if (end >= kToday && end < soon) ++probations_soon;
    if (end < kToday) ++extended;  // DZ-22-2: probation extended, still running
  }
  EXPECT_GE(probations_soon, 50);
  EXPECT_GE(extended, 1);
  EXPECT_LE(extended, 200);
}

// ---- realism -------------------------------------------------------------------------------

TEST(DemoGeneratorTest, MembersLookLikeAnOrgansRoster) {
  const RosterSnapshot& s = Shared(DemoScale::kCity);
  int active = 0, probationary = 0, serving = 0, serving_male = 0, degree = 0, han = 0,
      x_ending = 0;
  int with_phone = 0;
  std::set<std::string> ethnicities, surnames_seen, phones;
  std::set<std::string_view> surnames;
  for (const auto& t : demo::Surnames()) surnames.insert(t.text);
  int bad_surname = 0;
  for (const Member& m : s.members) {
    x_ending += m.id_number.back() == 'X';
    std::string_view name = m.name;
    bool known = surnames.count(name.substr(0, 3)) > 0 || surnames.count(name.substr(0, 6)) > 0;
    bad_surname += !known;
    if (!IsActive(m.status)) continue;
    ++active;
    probationary += m.status == MemberStatus::kProbationary;
    han += m.ethnicity == "汉族";
    ethnicities.insert(m.ethnicity);
    if (!m.phone.empty()) {
      ++with_phone;
      phones.insert(m.phone);
    }
    if (m.category == MemberCategory::kInService) {
      ++serving;
      serving_male += m.gender == Gender::kMale;
      degree += m.education == Education::kBachelor || m.education == Education::kMaster ||
                m.education == Education::kDoctorate;
    }
  }
  EXPECT_EQ(bad_surname, 0);
  EXPECT_GE(probationary * 1000, active * 15);  // 1.5%-3.5%
  EXPECT_LE(probationary * 1000, active * 35);
  EXPECT_GE(serving_male * 100, serving * 55);  // about 60% men
  EXPECT_LE(serving_male * 100, serving * 65);
  EXPECT_GE(degree * 100, serving * 85);
  EXPECT_GE(han * 1000, active * 950);
  EXPECT_LT(han, active);
  EXPECT_GE(ethnicities.size(), 4u);
  EXPECT_GE(x_ending * 100, static_cast<int>(s.members.size()) * 5);  // about 1 in 11
  EXPECT_EQ(phones.size(), static_cast<size_t>(with_phone));          // unique
  EXPECT_GE(with_phone * 100, active * 95);
}

// Problems with the retirees' and students' branches: retirees' branches mostly of retired
// members, students only in students' branches. Also counts the students.
std::vector<std::string> RetireeAndStudentProblems(const RosterSnapshot& s, int* students) {
  View view(s);
  std::map<NodeId, std::pair<int, int>> retired;  // branch -> (retired, active)
  std::vector<std::string> wrong;
  *students = 0;
  for (const Member& m : s.members) {
    if (!IsActive(m.status)) continue;
    const std::string& branch = view.Node(m.branch_id)->name;
    // 离退休干部党支部, 离退休干部第一党支部, ...; not the 离退休干部处党支部 of the staff.
    if (branch.find("离退休干部党支部") != std::string::npos ||
        branch.find("离退休干部第") != std::string::npos) {
      auto& [r, a] = retired[m.branch_id];
      r += m.category == MemberCategory::kRetired;
      ++a;
    }
    if (m.category == MemberCategory::kStudent) {
      ++*students;
      if (branch.find("研究生党支部") == std::string::npos) wrong.push_back(Describe(m));
    }
  }
  if (retired.size() < 20)
    wrong.push_back("only " + std::to_string(retired.size()) + " retirees' branches");
  for (const auto& [branch, ra] : retired) {
    if (ra.first * 10 < ra.second * 9) wrong.push_back(view.Node(branch)->name);
  }
  return wrong;
}

TEST(DemoGeneratorTest, RetireesAreInTheirOwnBranches) {
  int students = 0;
  EXPECT_THAT(First(RetireeAndStudentProblems(Shared(DemoScale::kCity), &students)), IsEmpty());
  EXPECT_EQ(students, 0);  // no city unit has graduate students
}

TEST(DemoGeneratorTest, PastDatesSeeADifferentRoster) {
  // Members of each branch as of two years ago, from the periods, differ from today's.
  const RosterSnapshot& s = Shared(DemoScale::kCity);
  const Date past = kToday.AddYears(-2);
  std::map<NodeId, int> then, now;
  for (const MembershipPeriod& p : s.periods) {
    if (p.from <= past && (!p.to || past < *p.to)) ++then[p.branch_id];
    if (p.from <= kToday && !p.to) ++now[p.branch_id];
  }
  int differing = 0;
  for (const auto& [branch, n] : now) differing += then[branch] != n;
  EXPECT_GE(differing, 200) << now.size();
  int moved_between_units = 0;
  View view(s);
  for (const Member& m : s.members) {
    const auto& periods = view.PeriodsOf(m.id);
    if (periods.size() == 2 &&
        view.UnitOf(periods[0]->branch_id) != view.UnitOf(periods[1]->branch_id)) {
      ++moved_between_units;
    }
  }
  EXPECT_GE(moved_between_units, 10);
}

TEST(DemoGeneratorTest, CodesAndNamesFollowTheScheme) {
  const RosterSnapshot& s = Shared(DemoScale::kCity);
  EXPECT_EQ(s.nodes[0].code, "XY");
  EXPECT_EQ(s.nodes[0].name, "襄阳市直机关工委");
  View view(s);
  for (const OrgNode& n : s.nodes) {
    if (!n.parent_id) continue;
    const OrgNode* parent = view.Node(*n.parent_id);
    switch (n.kind) {
      case NodeKind::kZone:
        EXPECT_THAT(n.name, ::testing::EndsWith("协作区"));
        break;
      case NodeKind::kUnit:
        EXPECT_THAT(n.code, ::testing::MatchesRegex("XY-U[0-9]{3}"));
        break;
      case NodeKind::kOrganCommittee:
        EXPECT_EQ(n.code, parent->code + "-C");
        // 市教育局机关党委; 市政协机关党委, not 市政协机关机关党委.
        EXPECT_THAT(n.name, ::testing::StartsWith(parent->name));
        EXPECT_THAT(n.name, ::testing::EndsWith("机关党委"));
        EXPECT_EQ(n.name.find("机关机关"), std::string::npos) << n.name;
        break;
      case NodeKind::kGeneralBranch:
        EXPECT_THAT(n.name, ::testing::EndsWith("党总支"));
        EXPECT_THAT(n.code, ::testing::MatchesRegex("XY-U[0-9]{3}-G[0-9]{2}"));
        break;
      case NodeKind::kBranch:
        EXPECT_THAT(n.name, ::testing::EndsWith("党支部"));
        EXPECT_THAT(n.name, ::testing::StartsWith(view.UnitOf(n.id)->name));
        EXPECT_THAT(n.code, ::testing::MatchesRegex("XY-U[0-9]{3}-B[0-9]{3}"));
        // The city has 科, not 处.
        EXPECT_EQ(n.name.find("处党支部"), std::string::npos) << n.name;
        break;
      case NodeKind::kGroup:
        EXPECT_THAT(n.name, ::testing::EndsWith("党小组"));
        EXPECT_THAT(n.code, ::testing::StartsWith(parent->code + "-G"));
        break;
      case NodeKind::kCommittee:
        break;
    }
  }
}

// ---- the province, generated once ------------------------------------------------------------

// Everything checked at province scale, in one test because generating the province takes
// seconds under the sanitizers and CTest runs every test in its own process.
TEST(DemoGeneratorTest, ProvinceScale) {
  const RosterSnapshot s = Generate(DemoScale::kProvince);
  EXPECT_EQ(s.nodes[0].name, "湖北省直机关工委");
  EXPECT_EQ(s.nodes[0].code, "HB");

  Counts c = CountOf(s);
  EXPECT_EQ(c.zones, 8);
  EXPECT_EQ(c.units, 150);
  EXPECT_GE(c.organ_committees, 60);
  EXPECT_GE(c.branches, 5'500);
  EXPECT_LE(c.branches, 6'500);
  EXPECT_GE(c.groups, 1'000);
  EXPECT_GE(c.active, 110'000);
  EXPECT_LE(c.active, 130'000);
  EXPECT_GE(c.movers, 300);
  // Some of every way of leaving, but few.
  for (MemberStatus st :
       {MemberStatus::kTransferredOut, MemberStatus::kDeceased, MemberStatus::kLapsed}) {
    EXPECT_GE(c.by_status[static_cast<int>(st)], 10) << MemberStatusId(st);
    EXPECT_LE(c.by_status[static_cast<int>(st)], 3'000) << MemberStatusId(st);
  }
  const int probationary = c.by_status[static_cast<int>(MemberStatus::kProbationary)];
  EXPECT_GE(probationary * 1000, c.active * 20);  // 2-3%
  EXPECT_LE(probationary * 1000, c.active * 30);

  EXPECT_THAT(First(Violations(s, kToday)), IsEmpty());
  EXPECT_THAT(First(StructureProblems(s)), IsEmpty());

  Problems p = ProblemsOf(s);
  EXPECT_THAT(p.oversize, UnorderedElementsAre("省委办公厅", "湖北日报传媒集团", "省公安厅"));
  EXPECT_THAT(p.no_committee,
              UnorderedElementsAre("省财政厅", "省统计局", "省水利厅", "省文化和旅游厅"));
  EXPECT_THAT(p.expired, UnorderedElementsAre("省信访局", "省民政厅", "省林业局",
                                              "省体育运动训练中心", "省总工会"));
  EXPECT_THAT(p.too_few_full, UnorderedElementsAre("省供销合作社联合社"));

  int students = 0;
  EXPECT_THAT(First(RetireeAndStudentProblems(s, &students)), IsEmpty());
  EXPECT_GE(students, 20);
}

}  // namespace
}  // namespace dj
