// Party members (党员) and their membership periods in branches.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/id_number.h"
#include "domain/org/org_node.h"

namespace dj {

enum class MemberStatus {
  kProbationary,    // 预备党员
  kFull,            // 正式党员
  kTransferredOut,  // 已转出 (left the system's tree)
  kDeceased,        // 已去世
  kLapsed,          // 已出党 / 自行脱党
};
inline constexpr int kMemberStatusCount = 5;

enum class MemberCategory {
  kInService,  // 在职
  kRetired,    // 离退休
  kStudent,    // 学生
  kOther,      // 其他
};
inline constexpr int kMemberCategoryCount = 4;

enum class Education {
  kDoctorate,            // 博士研究生
  kMaster,               // 硕士研究生
  kBachelor,             // 大学本科
  kAssociate,            // 大学专科
  kSecondaryVocational,  // 中专
  kHighSchool,           // 高中
  kJuniorOrBelow,        // 初中及以下
};
inline constexpr int kEducationCount = 7;

const char* GenderId(Gender g);  // "male" / "female"
std::optional<Gender> ParseGender(std::string_view id);
const char* GenderLabel(Gender g);  // "男" / "女"
std::optional<Gender> ParseGenderLabel(std::string_view label);

const char* MemberStatusId(MemberStatus s);  // "probationary", "full", "transferred_out", ...
std::optional<MemberStatus> ParseMemberStatus(std::string_view id);
const char* MemberStatusLabel(MemberStatus s);  // "预备党员", ...
std::optional<MemberStatus> ParseMemberStatusLabel(std::string_view label);
// True for the statuses of someone still on the rolls (probationary, full).
bool IsActive(MemberStatus s);

const char* MemberCategoryId(MemberCategory c);  // "in_service", "retired", "student", "other"
std::optional<MemberCategory> ParseMemberCategory(std::string_view id);
const char* MemberCategoryLabel(MemberCategory c);  // "在职", "离退休", "学生", "其他"
std::optional<MemberCategory> ParseMemberCategoryLabel(std::string_view label);

const char* EducationId(Education e);  // "doctorate", "master", "bachelor", ...
std::optional<Education> ParseEducation(std::string_view id);
const char* EducationLabel(Education e);  // "博士研究生", ...
std::optional<Education> ParseEducationLabel(std::string_view label);

// The 56 recognised ethnic groups ("汉族", "蒙古族", ...) plus "穿青人" and "其他" as used in
// household registration; returns whether `name` is one of them.
bool IsKnownEthnicity(std::string_view name);

struct Member {
  MemberId id = 0;
  std::string name;
  Gender gender = Gender::kMale;
  std::string ethnicity;  // "汉族"
  Date birth_date;
  std::string id_number;  // 18 characters, GB 11643; upper-case X
  Education education = Education::kBachelor;
  std::string phone;              // may be empty
  Date probationary_date;         // 入党时间: admitted as probationary member
  std::optional<Date> full_date;  // 转正时间; 党龄 counts from here (DZ-22-2)
  MemberStatus status = MemberStatus::kProbationary;
  std::optional<Date> left_date;  // set exactly when status is not active
  MemberCategory category = MemberCategory::kInService;
  NodeId branch_id = 0;  // current branch, or the last one for members who have left
  std::optional<NodeId> group_id;
  std::string post;  // 职务 in the unit, free text

  bool operator==(const Member&) const = default;
};

// A stretch of time a member belonged to a branch: [from, to), `to` absent while current.
struct MembershipPeriod {
  MemberId member_id = 0;
  NodeId branch_id = 0;
  std::optional<NodeId> group_id;
  Date from;
  std::optional<Date> to;

  bool operator==(const MembershipPeriod&) const = default;
};

}  // namespace dj
