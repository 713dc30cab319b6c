// Demo data: a whole organisation tree with its members, realistic enough to exercise every
// module (rosters, statistics, rule checks, reminders) and big enough to measure performance.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/date.h"
#include "common/result.h"
#include "domain/member/member_repository.h"

namespace dj {

enum class DemoScale {
  kSmall,     // 1 committee, 2 zones, 6 units, ~40 branches, ~600 members: for tests
  kCity,      // Xiangyang-like: 90 units in 6 zones, ~1,000 branches, ~20,000 members
  kProvince,  // Hubei-like: 150 units in 8 zones, ~6,000 branches, ~120,000 members
  kContest,   // the province's units grown to ~300,000 members: the contest benchmark's crowd
};

// "small", "city", "province", "contest".
const char* DemoScaleId(DemoScale scale);
std::optional<DemoScale> ParseDemoScale(std::string_view id);

struct DemoOptions {
  DemoScale scale = DemoScale::kSmall;
  uint64_t seed = 1;
  Date today;  // every date generated is on or before this day; terms and probations run past it
};

// Generates a committee's organisation tree, members and membership periods. The output
// depends only on the options: the same options give the same snapshot on every platform.
// Touches no shared state, so it may run on any thread. Takes about 0.2 s at province scale
// in a release build.
//
// Ids are assigned here: nodes 1..N in creation order (parents before children, each unit's
// subtree contiguous), members 1..M branch by branch. Every member satisfies the domain's
// validation (valid GB 11643 ID number matching birth date and gender, admission at 18 or
// later, full membership 1 year after admission or later for extended probation, ...); every
// member has one membership period, or two for a few hundred at province scale who moved
// between branches in the past; the periods of members who left are closed at left_date.
//
// Structure follows the regulations: a unit with 100 or more members has an organ committee
// (JG-19-1), with 50-99 a general branch (JG-19-2), otherwise its branches sit directly under
// it; branches with 7 or more full members have a committee of 3-5 (rarely 7), smaller ones
// none (ZB-18-3/4); terms are 5 years for organ committees and 3 for general branches and
// branches, staggered so that some end in every coming month.
//
// A handful of deliberate problems are left for the rule engine to find, placed by unit
// (the UnitFlag marks in demo_tables.cpp) whatever the seed; no other branch has them:
//  - ZB-18-1, more than 50 members: the first office branch of 省委办公厅 and 湖北日报传媒集团
//    and the first retirees' branch of 省公安厅 (city: 市委办公室's first office branch,
//    市公安局's first retirees' branch; small: 省委办公厅's first office branch);
//  - ZB-18-3, 7 or more full members but committee_size 0: the largest office branch of
//    省财政厅, 省统计局, 省水利厅 and 省文化和旅游厅 (city: 市财政局, 市交通运输局; small:
//    省发展和改革委员会);
//  - JG-19-4, term ended before `today` (by 20-200 days): the first office branch of 省信访局,
//    省民政厅, 省林业局, 省体育运动训练中心 and 省总工会 (city: 市民政局, 市水利和湖泊局,
//    市体育局; small: 省教育厅);
//  - ZB-18-1/2, fewer than 3 full members: an extra "…驻外机构党支部" of 2 full members and 1
//    probationary member in 省供销合作社联合社 (city: 市农业农村局; small: 省教育厅).
// Besides these, about one branch in twelve has its term end within the next 3 months,
// probations end in every coming month, and a few probationary members admitted 12-18
// months ago are still on an extended probation (DZ-22-2).
//
// InvalidArgument "demo.today_out_of_range" when today is not in the years 2000-2100.
Result<RosterSnapshot> GenerateDemo(const DemoOptions& options);

}  // namespace dj
