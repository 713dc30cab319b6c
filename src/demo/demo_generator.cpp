#include "demo/demo_generator.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <iterator>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "common/id_number.h"
#include "demo/demo_random.h"
#include "demo/demo_tables.h"

namespace dj {
namespace {

using demo::Rng;
using demo::UnitClass;
using demo::UnitSpec;
using demo::WeightedIndex;

struct SizeRange {
  int lo;
  int hi;
};

// What one scale looks like. Unit sizes are drawn from the range of the unit's class; those
// of class `scaled_from` and up are then scaled together so that the total comes near
// `target_members`.
struct ScaleSpec {
  const char* committee_name;
  const char* code;
  std::span<const UnitSpec> units;
  int zones;
  int64_t target_members;  // active members, approximately
  UnitClass scaled_from;
  SizeRange medium;
  SizeRange large;
  SizeRange huge;
  int branch_size;  // average active members of an office branch
  int movers;       // members with an earlier period in another branch
  bool city;        // city wording: 科 for 处, 科长 for 处长
};

constexpr SizeRange kTinyRange{12, 45};   // stays under 50: branches under the unit
constexpr SizeRange kSmallRange{55, 95};  // stays within 50-99: one general branch
constexpr int kMinOrganCommitteeUnit = 105;

const ScaleSpec& SpecFor(DemoScale scale) {
  static const ScaleSpec kSmall{
      "湖北省直机关工委", "HB",       demo::SmallUnits(), 2,  600, UnitClass::kMedium,
      {110, 200},         {200, 400}, {400, 800},         14, 8,   false};
  static const ScaleSpec kCity{
      "襄阳市直机关工委", "XY",       demo::CityUnits(), 6,  20'000, UnitClass::kLarge,
      {110, 300},         {300, 900}, {900, 2000},       18, 90,     true};
  static const ScaleSpec kProvince{
      "湖北省直机关工委", "HB",        demo::ProvinceUnits(), 8,  120'000, UnitClass::kLarge,
      {150, 600},         {600, 1500}, {1500, 4000},          18, 480,     false};
  static const ScaleSpec kContest{
      "湖北省直机关工委", "HB",        demo::ProvinceUnits(), 8,  300'000, UnitClass::kLarge,
      {150, 600},         {600, 1500}, {1500, 4000},          18, 480,     false};
  switch (scale) {
    case DemoScale::kSmall:
      return kSmall;
    case DemoScale::kCity:
      return kCity;
    case DemoScale::kProvince:
      return kProvince;
    case DemoScale::kContest:
      return kContest;
  }
  return kSmall;
}

// Independent random streams, so that drawing more in one place does not shift the others.
constexpr uint64_t kStreamUnitSizes = 1;
constexpr uint64_t kStreamMovers = 2;
constexpr uint64_t kStreamUnitBase = 1000;

// "一", "十一", "二十", "一百零五", "一百一十": 1..999 as written in names.
std::string ChineseNumber(int n) {
  static constexpr const char* kDigits[] = {"",   "一", "二", "三", "四",
                                            "五", "六", "七", "八", "九"};
  if (n < 10) return kDigits[n];
  if (n < 100) return std::string(n < 20 ? "" : kDigits[n / 10]) + "十" + kDigits[n % 10];
  std::string out = std::string(kDigits[n / 100]) + "百";
  int rest = n % 100;
  if (rest == 0) return out;
  if (rest < 10) return out + "零" + kDigits[rest];
  return out + kDigits[rest / 10] + "十" + kDigits[rest % 10];
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The city scale's name for an office: a final 处 becomes 科.
std::string OfficeName(std::string_view office, bool city) {
  static constexpr std::string_view kChu = "处";
  if (city && EndsWith(office, kChu)) {
    return std::string(office.substr(0, office.size() - kChu.size())) + "科";
  }
  return std::string(office);
}

// "省教育厅机关" for the organs of 省教育厅; "省政协机关" stays as it is.
std::string OrganName(std::string_view unit) {
  return EndsWith(unit, "机关") ? std::string(unit) : std::string(unit) + "机关";
}

// The name of `part` (an office or affiliated body) of `unit`: "省教育厅" + "机关服务中心", but
// "省政协机关" + "机关服务中心" is "省政协机关服务中心".
std::string Within(std::string_view unit, std::string_view part) {
  static constexpr std::string_view kOrgans = "机关";
  if (EndsWith(unit, kOrgans) && part.starts_with(kOrgans)) part.remove_prefix(kOrgans.size());
  return std::string(unit) + std::string(part);
}

// The post of a unit's leader who serves as secretary of its organ committee.
std::string LeaderTitle(std::string_view unit) {
  struct Rule {
    std::string_view suffix;
    std::string_view title;
  };
  static constexpr Rule kRules[] = {
      {"学院", "副院长"},         {"党校", "副校长"},   {"集团", "副总经理"}, {"电视台", "副台长"},
      {"政法委员会", "副秘书长"}, {"办公厅", "副主任"}, {"厅", "副厅长"},     {"总队", "副总队长"},
      {"局", "副局长"},           {"院", "副院长"},     {"馆", "副馆长"},     {"机关", "副秘书长"},
      {"部", "副部长"},           {"所", "副所长"},     {"联合会", "副主席"}, {"工会", "副主席"},
      {"协会", "副主席"},         {"团省委", "副书记"}, {"团市委", "副书记"},
  };
  std::string_view title = "副主任";
  for (const Rule& r : kRules) {
    if (EndsWith(unit, r.suffix)) {
      title = r.title;
      break;
    }
  }
  // Party committee departments have no 党组; colleges, academies and enterprises are led by
  // a party committee (党委); the rest by a 党组.
  if (unit.starts_with("省委") || unit.starts_with("市委") || unit.starts_with("省纪委") ||
      unit.starts_with("市纪委")) {
    return std::string(title);
  }
  bool party_committee = EndsWith(unit, "学院") || EndsWith(unit, "集团") ||
                         EndsWith(unit, "电视台") || EndsWith(unit, "科学院");
  return std::string(party_committee ? "党委委员、" : "党组成员、") + std::string(title);
}

struct EducationWeight {
  Education education;
  int weight;
};

using E = Education;
constexpr EducationWeight kEducationServingYoung[] = {
    {E::kDoctorate, 5}, {E::kMaster, 45}, {E::kBachelor, 47}, {E::kAssociate, 3}};
constexpr EducationWeight kEducationServingMiddle[] = {
    {E::kDoctorate, 5}, {E::kMaster, 35}, {E::kBachelor, 55}, {E::kAssociate, 5}};
constexpr EducationWeight kEducationServingSenior[] = {{E::kDoctorate, 3},
                                                       {E::kMaster, 20},
                                                       {E::kBachelor, 62},
                                                       {E::kAssociate, 12},
                                                       {E::kSecondaryVocational, 3}};
constexpr EducationWeight kEducationOther[] = {
    {E::kBachelor, 40}, {E::kAssociate, 40}, {E::kSecondaryVocational, 10}, {E::kHighSchool, 10}};
// Graduate students: the highest degree completed, a master's for doctoral students.
constexpr EducationWeight kEducationStudent[] = {{E::kMaster, 20}, {E::kBachelor, 80}};
constexpr EducationWeight kEducationRetiredYoung[] = {
    {E::kMaster, 5},     {E::kBachelor, 45},    {E::kAssociate, 30}, {E::kSecondaryVocational, 10},
    {E::kHighSchool, 8}, {E::kJuniorOrBelow, 2}};
constexpr EducationWeight kEducationRetiredMiddle[] = {{E::kBachelor, 30},
                                                       {E::kAssociate, 30},
                                                       {E::kSecondaryVocational, 15},
                                                       {E::kHighSchool, 15},
                                                       {E::kJuniorOrBelow, 10}};
constexpr EducationWeight kEducationRetiredOld[] = {{E::kBachelor, 20},
                                                    {E::kAssociate, 20},
                                                    {E::kSecondaryVocational, 20},
                                                    {E::kHighSchool, 20},
                                                    {E::kJuniorOrBelow, 20}};

constexpr const char* kOtherPosts[] = {"聘用人员", "工勤人员", "劳务派遣人员"};

constexpr int kMobilePrefixes[] = {130, 131, 132, 133, 134, 135, 136, 137, 138, 139,
                                   150, 151, 152, 153, 155, 156, 157, 158, 159, 180,
                                   181, 182, 183, 184, 185, 186, 187, 188, 189};

// The earliest admission date for someone born on `birth`: the day after the 18th birthday,
// which is safe for 02-29 birthdays too (FZ-14-1).
Date MinAdmission(Date birth) { return birth.AddYears(18).AddDays(1); }

// A planned branch before its members exist.
struct BranchPlan {
  enum Role { kOffice, kRetirees, kStudents, kTooFewFull };
  Role role = kOffice;
  int size = 0;     // active members
  int retired = 0;  // retired members placed in an office branch
  bool no_committee = false;
  bool expired = false;
};

struct UnitPlan {
  std::vector<BranchPlan> office;
  std::vector<BranchPlan> retirees;
  std::vector<BranchPlan> extra;  // students' and too-few branches, in that order

  int Total() const {
    int n = 0;
    for (const auto* list : {&office, &retirees, &extra}) {
      for (const BranchPlan& b : *list) n += b.size;
    }
    return n;
  }
};

// Splits `total` into `parts` sizes of the same expectation, visibly uneven (weights drawn
// from [weight_lo, weight_hi]), then evened out to lie within [min_size, max_size] when
// `total` allows that.
std::vector<int> SplitSizes(Rng& rng, int total, int parts, int weight_lo, int weight_hi,
                            int min_size, int max_size) {
  std::vector<int> weights(parts);
  int64_t sum = 0;
  for (int& w : weights) {
    w = static_cast<int>(rng.Uniform(weight_lo, weight_hi));
    sum += w;
  }
  std::vector<int> sizes(parts);
  int assigned = 0;
  for (int i = 0; i < parts; ++i) {
    sizes[i] = static_cast<int>(total * weights[i] / sum);
    assigned += sizes[i];
  }
  for (; assigned < total; ++assigned) ++sizes[rng.Uniform(0, parts - 1)];
  for (;;) {
    auto small = std::min_element(sizes.begin(), sizes.end());
    auto large = std::max_element(sizes.begin(), sizes.end());
    if ((*small >= min_size && *large <= max_size) || *large - *small <= 1) break;
    --*large;
    ++*small;
  }
  return sizes;
}

// A set of non-zero 64-bit keys with open addressing: the generator checks a quarter of a
// million ID numbers and phone numbers for uniqueness, which std::unordered_set makes the
// slowest part of the run.
class KeySet {
 public:
  explicit KeySet(size_t expected) {
    size_t capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    slots_.assign(capacity, 0);
  }
  // Adds `key` (non-zero); false when it was already there.
  bool Insert(uint64_t key) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    return InsertInto(slots_, key);
  }

 private:
  bool InsertInto(std::vector<uint64_t>& slots, uint64_t key) {
    const size_t mask = slots.size() - 1;
    for (size_t i = ((key * 0x9E3779B97F4A7C15ULL) >> 20) & mask;; i = (i + 1) & mask) {
      if (slots[i] == key) return false;
      if (slots[i] == 0) {
        slots[i] = key;
        ++size_;
        return true;
      }
    }
  }
  void Grow() {
    std::vector<uint64_t> bigger(slots_.size() * 2, 0);
    size_ = 0;
    for (uint64_t key : slots_) {
      if (key != 0) InsertInto(bigger, key);
    }
    slots_.swap(bigger);
  }

  std::vector<uint64_t> slots_;
  size_t size_ = 0;
};

class Generator {
 public:
  Generator(const ScaleSpec& spec, const DemoOptions& options)
      : spec_(spec),
        seed_(options.seed),
        today_(options.today),
        id_numbers_(ExpectedMembers(spec)),
        phones_(ExpectedMembers(spec)) {
    auto regions = demo::Regions();
    regions_ = WeightedIndex::Of(regions, [&](const demo::Region& r) {
      return spec_.city ? r.city_weight : r.province_weight;
    });
    surnames_ =
        WeightedIndex::Of(demo::Surnames(), [](const demo::WeightedText& t) { return t.weight; });
    for (bool minority : {false, true}) {
      ethnicities_[minority] = WeightedIndex::Of(
          demo::Ethnicities(minority), [](const demo::WeightedText& t) { return t.weight; });
    }
    members_.reserve(ExpectedMembers(spec_));
    extra_.reserve(ExpectedMembers(spec_));
    for (bool technical : {false, true}) {
      for (int band = 0; band < demo::kAgeBands; ++band) {
        posts_[technical][band] =
            WeightedIndex::Of(demo::ServingPosts(band), [&](const demo::PostSpec& p) {
              bool exists = (!spec_.city || p.city != nullptr) && (technical || !p.technical);
              return exists ? p.weight : 0;
            });
      }
    }
  }

  RosterSnapshot Run() {
    const auto units = spec_.units;
    std::vector<int> sizes = UnitSizes();
    NodeId committee =
        AddNode(NodeKind::kCommittee, spec_.committee_name, spec_.code, std::nullopt, 1);
    std::vector<NodeId> zones;
    for (int z = 0; z < spec_.zones; ++z) {
      char code[32];
      std::snprintf(code, sizeof code, "%s-Z%02d", spec_.code, z + 1);
      zones.push_back(
          AddNode(NodeKind::kZone, "第" + ChineseNumber(z + 1) + "协作区", code, committee, z + 1));
    }
    const int per_zone = static_cast<int>(units.size()) / spec_.zones;
    const int zones_with_one_more = static_cast<int>(units.size()) % spec_.zones;
    int unit = 0;
    for (int z = 0; z < spec_.zones; ++z) {
      int count = per_zone + (z < zones_with_one_more ? 1 : 0);
      for (int k = 0; k < count; ++k, ++unit) BuildUnit(unit, sizes[unit], zones[z], k + 1);
    }
    AddMovers();
    return Finish();
  }

 private:
  // Per member, parallel to members_: what the snapshot does not hold directly.
  struct MemberExtra {
    Date since;                 // start of the current period
    NodeId prior_branch = 0;    // branch of the earlier period; 0 when there is none
    Date prior_from;            // start of the earlier period
    int rank = 0;               // leadership of the post, for choosing secretaries
    bool holds_office = false;  // already secretary or group leader somewhere
  };

  struct BranchRecord {
    NodeId id;
    int unit;
    BranchPlan::Role role;
  };

  enum class SecretaryStyle { kLeader, kYoungestRetiree };
  enum class StatusWish { kAny, kFull, kProbationary };

  // Members of all statuses, with some room.
  static size_t ExpectedMembers(const ScaleSpec& spec) {
    return static_cast<size_t>(spec.target_members) * 11 / 10;
  }

  // ---- sizes and plans ----------------------------------------------------------------

  std::vector<int> UnitSizes() {
    Rng rng(seed_, kStreamUnitSizes);
    const auto units = spec_.units;
    std::vector<int> sizes(units.size());
    int64_t fixed = 0, scalable = 0;
    for (size_t i = 0; i < units.size(); ++i) {
      SizeRange r = RangeOf(units[i].size);
      sizes[i] = static_cast<int>(rng.Uniform(r.lo, r.hi));
      (IsScalable(units[i].size) ? scalable : fixed) += sizes[i];
    }
    const int64_t want = std::max<int64_t>(spec_.target_members - fixed, 1);
    for (size_t i = 0; i < units.size(); ++i) {
      if (!IsScalable(units[i].size) || scalable == 0) continue;
      sizes[i] = std::max(kMinOrganCommitteeUnit, static_cast<int>(sizes[i] * want / scalable));
    }
    return sizes;
  }

  bool IsScalable(UnitClass c) const { return c >= spec_.scaled_from; }

  SizeRange RangeOf(UnitClass c) const {
    switch (c) {
      case UnitClass::kTiny:
        return kTinyRange;
      case UnitClass::kSmall:
        return kSmallRange;
      case UnitClass::kMedium:
        return spec_.medium;
      case UnitClass::kLarge:
        return spec_.large;
      case UnitClass::kHuge:
        return spec_.huge;
    }
    return kTinyRange;
  }

  UnitPlan PlanUnit(Rng& rng, const UnitSpec& unit, int size) const {
    UnitPlan plan;
    int retired_percent = unit.size == UnitClass::kTiny    ? static_cast<int>(rng.Uniform(0, 10))
                          : unit.size == UnitClass::kSmall ? static_cast<int>(rng.Uniform(5, 15))
                                                           : static_cast<int>(rng.Uniform(10, 20));
    int retired = size * retired_percent / 100;
    int students = (unit.flags & demo::kHasStudents) ? static_cast<int>(rng.Uniform(12, 24)) : 0;
    int working = size - retired - students;

    bool retirees_branches = retired >= 12;
    if (retirees_branches) {
      int n = (retired + 39) / 40;
      for (int s : SplitSizes(rng, retired, n, 80, 120, 8, 45)) {
        plan.retirees.push_back({BranchPlan::kRetirees, s});
      }
    }
    int parts = std::max(1, (working + spec_.branch_size / 2) / spec_.branch_size);
    for (int s : SplitSizes(rng, working, parts, 45, 160, 6, 40)) {
      plan.office.push_back({BranchPlan::kOffice, s});
    }
    if (!retirees_branches) {
      // A few retirees join the office branches, never pushing one past ZB-18-1's 50.
      for (int i = 0; i < retired; ++i) {
        BranchPlan* b = &plan.office[rng.Uniform(0, parts - 1)];
        if (b->size >= 44) {
          b = &*std::min_element(
              plan.office.begin(), plan.office.end(),
              [](const BranchPlan& x, const BranchPlan& y) { return x.size < y.size; });
        }
        ++b->size;
        ++b->retired;
      }
    }
    if (students > 0) plan.extra.push_back({BranchPlan::kStudents, students});

    // The deliberate problems (see demo_generator.h).
    if (unit.flags & demo::kOversizeBranch) {
      plan.office.front().size = static_cast<int>(rng.Uniform(51, 56));
    }
    if (unit.flags & demo::kOversizeRetirees) {
      auto& list = plan.retirees.empty() ? plan.office : plan.retirees;
      list.front().size = static_cast<int>(rng.Uniform(52, 58));
    }
    if (unit.flags & demo::kNoCommittee) {
      auto largest = std::max_element(
          plan.office.begin(), plan.office.end(),
          [](const BranchPlan& a, const BranchPlan& b) { return a.size < b.size; });
      largest->size = std::max(largest->size, 12);
      largest->no_committee = true;
    }
    if (unit.flags & demo::kExpiredTerm) plan.office.front().expired = true;
    if (unit.flags & demo::kTooFewFull) plan.extra.push_back({BranchPlan::kTooFewFull, 3});
    return plan;
  }

  // ---- the tree -------------------------------------------------------------------------

  NodeId AddNode(NodeKind kind, std::string name, std::string code, std::optional<NodeId> parent,
                 int sort_order) {
    OrgNode n;
    n.id = static_cast<NodeId>(nodes_.size()) + 1;
    n.kind = kind;
    n.name = std::move(name);
    n.code = std::move(code);
    n.parent_id = parent;
    n.sort_order = sort_order;
    nodes_.push_back(std::move(n));
    return nodes_.back().id;
  }

  OrgNode& Node(NodeId id) { return nodes_[id - 1]; }

  // A term of `years` staggered so that it ends within the next `years`, or, when `expired`,
  // ended a few weeks to months ago.
  void SetTerm(Rng& rng, NodeId id, int years, bool expired) {
    Date start;
    if (expired) {
      Date end = today_.AddDays(-static_cast<int32_t>(rng.Uniform(20, 200)));
      start = end.AddYears(-years);
    } else {
      start = today_.AddDays(-static_cast<int32_t>(rng.Uniform(0, years * 365 - 1)));
    }
    Node(id).term_start = start;
    Node(id).term_end = start.AddYears(years);
  }

  struct UnitContext {
    int index;
    std::string code;
    int next_branch = 1;
    int next_general_branch = 1;
  };

  void BuildUnit(int index, int size, NodeId zone, int sort_order) {
    const UnitSpec& spec = spec_.units[index];
    Rng rng(seed_, kStreamUnitBase + static_cast<uint64_t>(index));
    UnitPlan plan = PlanUnit(rng, spec, size);
    char code[32];
    std::snprintf(code, sizeof code, "%s-U%03d", spec_.code, index + 1);
    UnitContext u{index, code};
    technical_unit_ = demo::HasTechnicalPosts(spec.sector);
    const std::string name = spec.name;
    NodeId unit = AddNode(NodeKind::kUnit, name, u.code, zone, sort_order);
    const int total = plan.Total();

    if (total >= 100) {
      // JG-19-1: an organ committee.
      NodeId oc =
          AddNode(NodeKind::kOrganCommittee, OrganName(name) + "党委", u.code + "-C", unit, 1);
      SetTerm(rng, oc, 5, false);
      Node(oc).committee_size = rng.Chance(6, 10) ? 7 : 9;
      int sort = 1;
      const int k = static_cast<int>(plan.office.size());
      // Large units: a third or more of the office branches belong to affiliated bodies.
      auto offices = OfficeNames(spec);
      int direct = k;
      if (k >= 14) {
        // Two statements: the order in which function arguments are evaluated is unspecified,
        // and the draws must come in the same order with every compiler.
        const int affiliated = k * static_cast<int>(rng.Uniform(30, 45)) / 100;
        const int extra_offices = static_cast<int>(rng.Uniform(0, 4));
        direct = std::min(k - affiliated, static_cast<int>(offices.size()) + extra_offices);
      }
      for (int j = 0; j < direct; ++j) {
        std::string branch_name =
            j < static_cast<int>(offices.size())
                ? Within(name, offices[j]) + "党支部"
                : OrganName(name) + "第" + ChineseNumber(j - static_cast<int>(offices.size()) + 1) +
                      "党支部";
        BuildBranch(rng, u, oc, sort++, branch_name, plan.office[j]);
      }
      // Affiliated bodies: general branches of 55-90 members or so (more in the largest units)
      // under the committee.
      auto chunks = Chunks(rng, plan.office, direct);
      auto affiliates = demo::SectorAffiliates(spec.sector);
      for (size_t c = 0; c < chunks.size(); ++c) {
        std::string gb_name = c < affiliates.size()
                                  ? Within(name, affiliates[c]) + "党总支"
                                  : name + "直属单位第" +
                                        ChineseNumber(static_cast<int>(c - affiliates.size()) + 1) +
                                        "党总支";
        std::string body = c < affiliates.size() ? Within(name, affiliates[c]) : gb_name;
        NodeId gb = AddGeneralBranch(rng, u, oc, sort++, gb_name);
        int inner = 1;
        for (int j = chunks[c].first; j < chunks[c].second; ++j, ++inner) {
          BuildBranch(rng, u, gb, inner, body + "第" + ChineseNumber(inner) + "党支部",
                      plan.office[j]);
        }
        ChooseSecretary(gb, SecretaryStyle::kLeader);
      }
      BuildRetirees(rng, u, oc, sort, plan.retirees, name);
      for (const BranchPlan& b : plan.extra) BuildExtra(rng, u, oc, sort++, name, b);
      ChooseSecretary(oc, SecretaryStyle::kLeader);
      if (auto sec = Node(oc).secretary_id) {
        members_[*sec - 1].post = LeaderTitle(name);
      }
    } else {
      NodeId parent = unit;
      if (total >= 50) {
        // JG-19-2: a general branch for the unit.
        parent = AddGeneralBranch(rng, u, unit, 1, OrganName(name) + "党总支");
      }
      int sort = 1;
      const int k = static_cast<int>(plan.office.size());
      for (int j = 0; j < k; ++j) {
        std::string branch_name =
            k == 1 ? OrganName(name) + "党支部" : name + "第" + ChineseNumber(j + 1) + "党支部";
        BuildBranch(rng, u, parent, sort++, branch_name, plan.office[j]);
      }
      BuildRetirees(rng, u, parent, sort, plan.retirees, name);
      for (const BranchPlan& b : plan.extra) BuildExtra(rng, u, parent, sort++, name, b);
      if (parent != unit) ChooseSecretary(parent, SecretaryStyle::kLeader);
    }
  }

  std::vector<std::string> OfficeNames(const UnitSpec& spec) const {
    std::vector<std::string> out;
    if (!EndsWith(spec.name, "办公室")) out.push_back("办公室");
    for (const char* o : demo::SectorOffices(spec.sector)) out.push_back(OfficeName(o, spec_.city));
    for (const char* o : demo::CommonOffices()) {
      std::string n = OfficeName(o, spec_.city);
      if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(std::move(n));
    }
    return out;
  }

  // Groups office branches [from, end) into runs of about 55-90 members, or larger runs when
  // that would make more than a dozen.
  static std::vector<std::pair<int, int>> Chunks(Rng& rng, const std::vector<BranchPlan>& office,
                                                 int from) {
    std::vector<std::pair<int, int>> chunks;
    std::vector<int> sums;
    const int k = static_cast<int>(office.size());
    int members = 0;
    for (int j = from; j < k; ++j) members += office[j].size;
    for (int start = from; start < k;) {
      int target = std::max(static_cast<int>(rng.Uniform(55, 90)), members / 12);
      int sum = 0, end = start;
      while (end < k && sum < target) sum += office[end++].size;
      chunks.push_back({start, end});
      sums.push_back(sum);
      start = end;
    }
    if (chunks.size() >= 2 && sums.back() < 40) {
      chunks[chunks.size() - 2].second = chunks.back().second;
      chunks.pop_back();
    }
    return chunks;
  }

  NodeId AddGeneralBranch(Rng& rng, UnitContext& u, NodeId parent, int sort, std::string name) {
    char code[48];
    std::snprintf(code, sizeof code, "%s-G%02d", u.code.c_str(), u.next_general_branch++);
    NodeId gb = AddNode(NodeKind::kGeneralBranch, std::move(name), code, parent, sort);
    SetTerm(rng, gb, 3, false);
    Node(gb).committee_size = rng.Chance(7, 10) ? 5 : 7;
    return gb;
  }

  void BuildRetirees(Rng& rng, UnitContext& u, NodeId parent, int& sort,
                     const std::vector<BranchPlan>& retirees, const std::string& unit_name) {
    const int n = static_cast<int>(retirees.size());
    if (n == 0) return;
    if (n == 1) {
      BuildBranch(rng, u, parent, sort++, unit_name + "离退休干部党支部", retirees[0]);
      return;
    }
    auto branch_name = [&](int i) {
      return unit_name + "离退休干部第" + ChineseNumber(i + 1) + "党支部";
    };
    if (n < 3) {
      for (int i = 0; i < n; ++i) BuildBranch(rng, u, parent, sort++, branch_name(i), retirees[i]);
      return;
    }
    // Three or more: under retirees' general branches of at most five branches each.
    const int groups = (n + 4) / 5;
    for (int g = 0, i = 0; g < groups; ++g) {
      std::string gb_name = groups == 1
                                ? unit_name + "离退休干部党总支"
                                : unit_name + "离退休干部第" + ChineseNumber(g + 1) + "党总支";
      NodeId gb = AddGeneralBranch(rng, u, parent, sort++, gb_name);
      int end = std::min(n, i + (n - i + (groups - g) - 1) / (groups - g));
      for (int inner = 1; i < end; ++i, ++inner) {
        BuildBranch(rng, u, gb, inner, branch_name(i), retirees[i]);
      }
      ChooseSecretary(gb, SecretaryStyle::kYoungestRetiree);
    }
  }

  void BuildExtra(Rng& rng, UnitContext& u, NodeId parent, int sort, const std::string& unit_name,
                  const BranchPlan& plan) {
    std::string suffix = plan.role == BranchPlan::kStudents ? "研究生党支部" : "驻外机构党支部";
    BuildBranch(rng, u, parent, sort, unit_name + suffix, plan);
  }

  // Creates the branch, its groups and its members, and elects its officers.
  void BuildBranch(Rng& rng, UnitContext& u, NodeId parent, int sort, std::string name,
                   const BranchPlan& plan) {
    char code[48];
    std::snprintf(code, sizeof code, "%s-B%03d", u.code.c_str(), u.next_branch++);
    const std::string branch_code = code;
    NodeId branch = AddNode(NodeKind::kBranch, std::move(name), branch_code, parent, sort);
    SetTerm(rng, branch, 3, plan.expired);
    branches_.push_back({branch, u.index, plan.role});

    // ZB-18-7: larger branches form groups.
    std::vector<NodeId> groups;
    if (plan.size >= 25) {
      int n = std::clamp(plan.size / 10, 2, 4);
      for (int g = 1; g <= n; ++g) {
        groups.push_back(AddNode(NodeKind::kGroup, "第" + ChineseNumber(g) + "党小组",
                                 branch_code + "-G" + std::to_string(g), branch, g));
      }
    }

    const size_t first = members_.size();
    const bool small = plan.size < 10;
    switch (plan.role) {
      case BranchPlan::kOffice: {
        StatusWish wish = small || plan.no_committee ? StatusWish::kFull : StatusWish::kAny;
        for (int i = 0; i < plan.size; ++i) {
          MemberCategory c = i < plan.retired       ? MemberCategory::kRetired
                             : rng.Chance(15, 1000) ? MemberCategory::kOther
                                                    : MemberCategory::kInService;
          AddMember(rng, c, branch, wish);
        }
        break;
      }
      case BranchPlan::kRetirees: {
        // Larger ones often include the cadre of the retirees' office who looks after them.
        bool staff = plan.size >= 20 && rng.Chance(2, 10);
        for (int i = 0; i < plan.size; ++i) {
          AddMember(rng, staff && i == 0 ? MemberCategory::kInService : MemberCategory::kRetired,
                    branch, StatusWish::kFull);
        }
        break;
      }
      case BranchPlan::kStudents: {
        size_t staff = AddMember(rng, MemberCategory::kInService, branch, StatusWish::kFull);
        members_[staff].post = "研究生辅导员";
        // At least three full members (ZB-18-1) whatever the draw: the tutor and two students.
        for (int i = 1; i < plan.size; ++i) {
          AddMember(rng, MemberCategory::kStudent, branch,
                    i <= 2 ? StatusWish::kFull : StatusWish::kAny);
        }
        break;
      }
      case BranchPlan::kTooFewFull:
        AddMember(rng, MemberCategory::kInService, branch, StatusWish::kFull);
        AddMember(rng, MemberCategory::kInService, branch, StatusWish::kFull);
        AddMember(rng, MemberCategory::kInService, branch, StatusWish::kProbationary);
        break;
    }
    const size_t active_end = members_.size();

    // Groups: most members belong to one, a few (newcomers, people away) to none yet.
    if (!groups.empty()) {
      for (size_t i = first; i < active_end; ++i) {
        if (rng.Chance(88, 100)) {
          members_[i].group_id = groups[rng.Uniform(0, static_cast<int64_t>(groups.size()) - 1)];
        }
      }
    }

    // Members who left in the last three years stay on the branch's records.
    const bool retirees = plan.role == BranchPlan::kRetirees;
    for (int i = 0; i < plan.size; ++i) {
      if (retirees) {
        if (rng.Chance(250, 10'000)) {
          AddLeftMember(rng, branch, MemberStatus::kDeceased, true);
        } else if (rng.Chance(20, 10'000)) {
          AddLeftMember(rng, branch, MemberStatus::kTransferredOut, true);
        }
      } else {
        if (rng.Chance(120, 10'000)) {
          AddLeftMember(rng, branch, MemberStatus::kTransferredOut, false);
        } else if (rng.Chance(6, 10'000)) {
          AddLeftMember(rng, branch, MemberStatus::kDeceased, false);
        } else if (rng.Chance(3, 10'000)) {
          AddLeftMember(rng, branch, MemberStatus::kLapsed, false);
        }
      }
    }

    // Officers: the secretary, the committee (ZB-18-3/4) and the group leaders.
    const SecretaryStyle style =
        retirees ? SecretaryStyle::kYoungestRetiree : SecretaryStyle::kLeader;
    ChooseSecretaryIn(branch, first, active_end, style, std::nullopt);
    int full = 0;
    for (size_t i = first; i < active_end; ++i) full += members_[i].status == MemberStatus::kFull;
    int committee = 0;
    if (full >= 7 && !plan.no_committee) {
      int64_t r = rng.Uniform(0, 99);
      committee = full < 20 ? (r < 75 ? 3 : 5) : (r < 75 ? 5 : r < 90 ? 3 : 7);
    }
    Node(branch).committee_size = committee;
    for (NodeId g : groups) ChooseSecretaryIn(g, first, active_end, style, g);
  }

  // Sets the secretary of `node` to the best active full member among members [first, end)
  // (optionally only those in `group`) who holds no other office.
  void ChooseSecretaryIn(NodeId node, size_t first, size_t end, SecretaryStyle style,
                         std::optional<NodeId> group) {
    int best_score = 0;
    size_t best = end;
    for (size_t i = first; i < end; ++i) {
      const Member& m = members_[i];
      if (m.status != MemberStatus::kFull || extra_[i].holds_office) continue;
      if (group && m.group_id != group) continue;
      int age = FullYearsBetween(m.birth_date, today_);
      int score;
      if (style == SecretaryStyle::kLeader) {
        score = m.category == MemberCategory::kInService ? 1000 + extra_[i].rank * 100 + age
                                                         : 100 - age / 2;
      } else {
        score = m.category == MemberCategory::kRetired ? 1000 - age : 100;
      }
      if (best == end || score > best_score) {
        best = i;
        best_score = score;
      }
    }
    if (best == end) return;
    extra_[best].holds_office = true;
    Node(node).secretary_id = members_[best].id;
  }

  // The secretary of a general branch or organ committee comes from its whole subtree, just
  // built: members are created branch by branch in tree order, so the subtree's members run
  // from the first member of the first branch created after `node` to the end of the list.
  void ChooseSecretary(NodeId node, SecretaryStyle style) {
    auto it = std::lower_bound(member_branch_start_.begin(), member_branch_start_.end(),
                               std::make_pair(node, size_t{0}));
    if (it == member_branch_start_.end()) return;
    ChooseSecretaryIn(node, it->second, members_.size(), style, std::nullopt);
  }

  // ---- members --------------------------------------------------------------------------

  Date BirthForAge(Rng& rng, int age) {
    Date hi = today_.AddYears(-age);
    Date lo = today_.AddYears(-(age + 1)).AddDays(1);
    return rng.DateBetween(lo, hi);
  }

  std::string MakeName(Rng& rng, Gender gender, int birth_year) {
    const auto& surname = demo::Surnames()[surnames_.Pick(rng)];
    int single_percent = birth_year < 1960 ? 20 : birth_year < 1990 ? 30 : 10;
    const bool male = gender == Gender::kMale;
    for (;;) {
      std::string_view given;
      if (rng.Chance(single_percent, 100)) {
        auto list = male ? demo::MaleSingleNames() : demo::FemaleSingleNames();
        given = list[rng.Uniform(0, static_cast<int64_t>(list.size()) - 1)];
      } else {
        // Fashions in names change: mostly the generation's own, some of the one before.
        int generation = birth_year < 1965   ? 0
                         : birth_year < 1970 ? (rng.Chance(1, 4) ? 1 : 0)
                         : birth_year < 1985 ? 1
                         : birth_year < 1995 ? (rng.Chance(1, 4) ? 1 : 2)
                                             : 2;
        auto list = male ? demo::MaleGivenNames(generation) : demo::FemaleGivenNames(generation);
        given = list[rng.Uniform(0, static_cast<int64_t>(list.size()) - 1)];
      }
      if (given == surname.text) continue;  // "林林" reads as a nickname
      return std::string(surname.text) + std::string(given);
    }
  }

  std::string MakeIdNumber(Rng& rng, const char* region, Date birth, Gender gender) {
    char buf[24];
    for (;;) {
      int tail = static_cast<int>(rng.Uniform(0, 4)) * 2 + (gender == Gender::kMale ? 1 : 0);
      int sequence = static_cast<int>(rng.Uniform(0, 99)) * 10 + tail;
      std::snprintf(buf, sizeof buf, "%s%08d%03d", region, DateNumber(birth), sequence);
      uint64_t key = 0;
      for (int i = 0; i < 17; ++i) key = key * 10 + static_cast<uint64_t>(buf[i] - '0');
      if (id_numbers_.Insert(key)) break;
    }
    std::string id(buf, 17);
    id.push_back(IdNumberCheckChar(id));
    return id;
  }

  std::string MakePhone(Rng& rng) {
    for (;;) {
      uint64_t prefix =
          static_cast<uint64_t>(kMobilePrefixes[rng.Uniform(0, std::size(kMobilePrefixes) - 1)]);
      uint64_t number = prefix * 100'000'000 + static_cast<uint64_t>(rng.Uniform(0, 99'999'999));
      if (phones_.Insert(number)) return std::to_string(number);
    }
  }

  static Education PickEducation(Rng& rng, std::span<const EducationWeight> table) {
    int total = 0;
    for (const auto& e : table) total += e.weight;
    int r = static_cast<int>(rng.Uniform(0, total - 1));
    for (const auto& e : table) {
      if (r < e.weight) return e.education;
      r -= e.weight;
    }
    return table.back().education;
  }

  int PickAge(Rng& rng, MemberCategory category, Gender gender) {
    switch (category) {
      case MemberCategory::kInService:
      case MemberCategory::kOther: {
        int max = gender == Gender::kMale ? 60 : 57;
        if (rng.Chance(3, 10)) return static_cast<int>(rng.Uniform(30, 50));
        return static_cast<int>(rng.Uniform(23, max));
      }
      case MemberCategory::kRetired: {
        int64_t r = rng.Uniform(0, 99);
        if (r < 45) return static_cast<int>(rng.Uniform(60, 69));
        if (r < 80) return static_cast<int>(rng.Uniform(70, 79));
        if (r < 96) return static_cast<int>(rng.Uniform(80, 89));
        return static_cast<int>(rng.Uniform(90, 95));
      }
      case MemberCategory::kStudent:  // graduate students
        return static_cast<int>(rng.Uniform(22, 25));
    }
    return 30;
  }

  // Adds an active member of `category` to `branch`; returns its index in members_.
  size_t AddMember(Rng& rng, MemberCategory category, NodeId branch, StatusWish wish) {
    Member m;
    m.id = static_cast<MemberId>(members_.size()) + 1;
    m.category = category;
    m.branch_id = branch;
    int male_per_mille = category == MemberCategory::kRetired   ? 650
                         : category == MemberCategory::kStudent ? 480
                                                                : 600;
    m.gender = rng.Chance(male_per_mille, 1000) ? Gender::kMale : Gender::kFemale;
    const int age = PickAge(rng, category, m.gender);
    m.birth_date = BirthForAge(rng, age);
    const demo::Region& region = demo::Regions()[regions_.Pick(rng)];
    m.ethnicity =
        demo::Ethnicities(region.minority_area)[ethnicities_[region.minority_area].Pick(rng)].text;
    m.id_number = MakeIdNumber(rng, region.code, m.birth_date, m.gender);
    m.name = MakeName(rng, m.gender, m.birth_date.year());

    MemberExtra extra;
    const Date floor = MinAdmission(m.birth_date);
    switch (category) {
      case MemberCategory::kInService:
      case MemberCategory::kOther: {
        bool probationary =
            wish == StatusWish::kProbationary || (wish == StatusWish::kAny && rng.Chance(30, 1000));
        if (probationary) {
          // Most admitted within the last year; one in a hundred had probation extended
          // (DZ-22-2) and is still waiting.
          int32_t back = rng.Chance(1, 100) ? static_cast<int32_t>(rng.Uniform(366, 540))
                                            : static_cast<int32_t>(rng.Uniform(0, 364));
          m.probationary_date = std::max(floor, today_.AddDays(-back));
          m.status = MemberStatus::kProbationary;
        } else {
          int64_t r = rng.Uniform(0, 99);
          int join_age = r < 60   ? static_cast<int>(rng.Uniform(19, 23))
                         : r < 90 ? static_cast<int>(rng.Uniform(24, 32))
                                  : static_cast<int>(rng.Uniform(33, 45));
          SetFull(rng, m, join_age, floor);
        }
        if (category == MemberCategory::kOther) {
          m.post = kOtherPosts[rng.Uniform(0, std::size(kOtherPosts) - 1)];
        } else {
          int band = age < 28 ? 0 : age <= 35 ? 1 : age <= 45 ? 2 : 3;
          const demo::PostSpec& post =
              demo::ServingPosts(band)[posts_[technical_unit_][band].Pick(rng)];
          m.post = spec_.city ? post.city : post.province;
          extra.rank = post.rank;
        }
        using Table = std::span<const EducationWeight>;
        m.education = PickEducation(rng, age < 35    ? Table(kEducationServingYoung)
                                         : age <= 50 ? Table(kEducationServingMiddle)
                                                     : Table(kEducationServingSenior));
        if (category == MemberCategory::kOther) m.education = PickEducation(rng, kEducationOther);
        if (m.status == MemberStatus::kProbationary) {
          extra.since = m.probationary_date;
        } else {
          Date work_start = m.birth_date.AddYears(static_cast<int>(rng.Uniform(22, 27)));
          Date latest = today_.AddDays(-30);
          Date lo = std::max(m.probationary_date, std::min(work_start, latest));
          extra.since = lo >= latest ? lo : rng.DateBetween(lo, latest);
        }
        break;
      }
      case MemberCategory::kRetired: {
        int64_t r = rng.Uniform(0, 99);
        int join_age = r < 15   ? static_cast<int>(rng.Uniform(18, 21))
                       : r < 70 ? static_cast<int>(rng.Uniform(22, 30))
                                : static_cast<int>(rng.Uniform(31, 40));
        SetFull(rng, m, join_age, floor);
        m.post = m.probationary_date < *Date::FromYmd(1949, 10, 1) ? "离休干部" : "退休干部";
        using Table = std::span<const EducationWeight>;
        m.education = PickEducation(rng, age < 70   ? Table(kEducationRetiredYoung)
                                         : age < 80 ? Table(kEducationRetiredMiddle)
                                                    : Table(kEducationRetiredOld));
        int retire_age = m.gender == Gender::kMale ? 60 : static_cast<int>(rng.Uniform(55, 60));
        Date retired_on = std::min(m.birth_date.AddYears(retire_age), today_);
        Date lo = std::max(m.probationary_date, retired_on);
        extra.since = rng.DateBetween(lo, std::min(lo.AddDays(180), today_));
        extra.rank = -1;
        break;
      }
      case MemberCategory::kStudent: {
        // Admitted at 18 or later, within the last four years; those wanted full over a year
        // ago, which their age of 22 or more allows.
        Date lo = std::max(floor, today_.AddYears(-4));
        Date hi = wish == StatusWish::kFull ? today_.AddYears(-1) : today_;
        m.probationary_date = rng.DateBetween(lo, hi);
        if (m.probationary_date <= today_.AddYears(-1)) {
          m.full_date = m.probationary_date.AddYears(1);
          m.status = MemberStatus::kFull;
        } else {
          m.status = MemberStatus::kProbationary;
        }
        m.post = "在读研究生";
        m.education = PickEducation(rng, kEducationStudent);
        extra.since = m.probationary_date;
        extra.rank = -2;
        break;
      }
    }
    bool no_phone = category == MemberCategory::kRetired && age >= 80 && rng.Chance(1, 5);
    if (!no_phone) m.phone = MakePhone(rng);
    members_.push_back(std::move(m));
    extra_.push_back(extra);
    NoteBranchStart(branch);
    return members_.size() - 1;
  }

  // Full member admitted at about `join_age`, whose probation of 12 months (18 or 24 when
  // extended, DZ-22-2) has ended by today.
  void SetFull(Rng& rng, Member& m, int join_age, Date floor) {
    int64_t r = rng.Uniform(0, 999);
    int months = r < 970 ? 12 : r < 990 ? 18 : 24;
    Date latest = today_.AddMonths(-months);
    Date admitted =
        m.birth_date.AddYears(join_age).AddDays(static_cast<int32_t>(rng.Uniform(0, 364)));
    if (admitted > latest) {
      admitted = latest.AddDays(-static_cast<int32_t>(rng.Uniform(0, 364)));
    }
    m.probationary_date = std::max(admitted, floor);
    m.full_date = m.probationary_date.AddMonths(months);
    m.status = MemberStatus::kFull;
  }

  // A member who left `branch` in the last three years: transferred out, deceased or lapsed.
  void AddLeftMember(Rng& rng, NodeId branch, MemberStatus status, bool retired) {
    MemberCategory category = retired || (status == MemberStatus::kDeceased && rng.Chance(1, 2))
                                  ? MemberCategory::kRetired
                                  : MemberCategory::kInService;
    size_t i = AddMember(rng, category, branch, StatusWish::kFull);
    Member& m = members_[i];
    Date lo = std::max(m.probationary_date.AddDays(1), today_.AddDays(-1095));
    Date left = rng.DateBetween(lo, today_);
    m.status = status;
    m.left_date = left;
    if (m.full_date && *m.full_date > left) m.full_date.reset();
    if (extra_[i].since >= left) {
      extra_[i].since = rng.DateBetween(m.probationary_date, left.AddDays(-1));
    }
  }

  // Remembers where the members of each branch start, for ChooseSecretary.
  void NoteBranchStart(NodeId branch) {
    if (member_branch_start_.empty() || member_branch_start_.back().first != branch) {
      member_branch_start_.push_back({branch, members_.size() - 1});
    }
  }

  // ---- movers and output ----------------------------------------------------------------

  // Gives `spec_.movers` serving full members an earlier period in another branch (ZZ-19-1),
  // mostly of the same unit, ending on the day the current one starts.
  void AddMovers() {
    Rng rng(seed_, kStreamMovers);
    std::vector<size_t> eligible;
    for (size_t i = 0; i < members_.size(); ++i) {
      const Member& m = members_[i];
      if (m.status == MemberStatus::kFull && m.category == MemberCategory::kInService &&
          extra_[i].since <= today_.AddDays(-60)) {
        eligible.push_back(i);
      }
    }
    std::vector<size_t> branch_of_node;  // index into branches_ by node id
    branch_of_node.assign(nodes_.size() + 1, 0);
    for (size_t b = 0; b < branches_.size(); ++b) branch_of_node[branches_[b].id] = b;

    int done = 0;
    for (size_t k = 0; k < eligible.size() && done < spec_.movers; ++k) {
      size_t pick = static_cast<size_t>(
          rng.Uniform(static_cast<int64_t>(k), static_cast<int64_t>(eligible.size()) - 1));
      std::swap(eligible[k], eligible[pick]);
      size_t i = eligible[k];
      const Member& m = members_[i];
      MemberExtra& x = extra_[i];
      Date four_years_ago = today_.AddDays(-1460);
      Date moved, from;
      if (x.since >= four_years_ago) {
        moved = x.since;
        if (m.probationary_date >= moved) continue;
        from =
            rng.DateBetween(std::max(m.probationary_date, moved.AddDays(-3650)), moved.AddDays(-1));
      } else {
        moved = rng.DateBetween(four_years_ago, today_.AddDays(-30));
        from = x.since;
      }
      const BranchRecord& own = branches_[branch_of_node[m.branch_id]];
      NodeId other = OtherBranch(rng, own);
      if (other == 0) continue;
      x.prior_branch = other;
      x.prior_from = from;
      x.since = moved;
      ++done;
    }
  }

  // An office branch other than `own`: of the same unit seven times in ten.
  NodeId OtherBranch(Rng& rng, const BranchRecord& own) {
    if (rng.Chance(7, 10)) {
      auto lo = std::find_if(branches_.begin(), branches_.end(),
                             [&](const BranchRecord& b) { return b.unit == own.unit; });
      auto hi = std::find_if(lo, branches_.end(),
                             [&](const BranchRecord& b) { return b.unit != own.unit; });
      std::vector<NodeId> candidates;
      for (auto it = lo; it != hi; ++it) {
        if (it->role == BranchPlan::kOffice && it->id != own.id) candidates.push_back(it->id);
      }
      if (!candidates.empty()) {
        return candidates[rng.Uniform(0, static_cast<int64_t>(candidates.size()) - 1)];
      }
    }
    for (int tries = 0; tries < 100; ++tries) {
      const BranchRecord& b = branches_[rng.Uniform(0, static_cast<int64_t>(branches_.size()) - 1)];
      if (b.role == BranchPlan::kOffice && b.id != own.id) return b.id;
    }
    return 0;
  }

  RosterSnapshot Finish() {
    RosterSnapshot out;
    out.periods.reserve(members_.size() + static_cast<size_t>(spec_.movers));
    for (size_t i = 0; i < members_.size(); ++i) {
      const Member& m = members_[i];
      const MemberExtra& x = extra_[i];
      if (x.prior_branch != 0) {
        out.periods.push_back({m.id, x.prior_branch, std::nullopt, x.prior_from, x.since});
      }
      out.periods.push_back({m.id, m.branch_id, m.group_id, x.since, m.left_date});
    }
    out.nodes = std::move(nodes_);
    out.members = std::move(members_);
    return out;
  }

  const ScaleSpec& spec_;
  const uint64_t seed_;
  const Date today_;

  WeightedIndex regions_;
  WeightedIndex surnames_;
  std::array<WeightedIndex, 2> ethnicities_;
  std::array<std::array<WeightedIndex, demo::kAgeBands>, 2> posts_;  // [technical][age band]
  bool technical_unit_ = false;  // the unit being built has engineers and researchers

  std::vector<OrgNode> nodes_;
  std::vector<Member> members_;
  std::vector<MemberExtra> extra_;
  std::vector<BranchRecord> branches_;
  std::vector<std::pair<NodeId, size_t>> member_branch_start_;  // (branch, first member index)
  KeySet id_numbers_;  // the first 17 digits of every ID number issued
  KeySet phones_;
};

}  // namespace

const char* DemoScaleId(DemoScale scale) {
  switch (scale) {
    case DemoScale::kSmall:
      return "small";
    case DemoScale::kCity:
      return "city";
    case DemoScale::kProvince:
      return "province";
    case DemoScale::kContest:
      return "contest";
  }
  return "small";
}

std::optional<DemoScale> ParseDemoScale(std::string_view id) {
  for (DemoScale s :
       {DemoScale::kSmall, DemoScale::kCity, DemoScale::kProvince, DemoScale::kContest}) {
    if (id == DemoScaleId(s)) return s;
  }
  return std::nullopt;
}

Result<RosterSnapshot> GenerateDemo(const DemoOptions& options) {
  const int year = options.today.year();
  if (year < 2000 || year > 2100) {
    return Error::InvalidArgument("demo.today_out_of_range",
                                  "演示数据的当前日期须在2000年至2100年之间");
  }
  Generator generator(SpecFor(options.scale), options);
  return generator.Run();
}

}  // namespace dj
