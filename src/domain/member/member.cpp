#include "domain/member/member.h"

#include <algorithm>
#include <array>

#include "common/enum_table.h"

namespace dj {
namespace {

constexpr std::array<EnumInfo<Gender>, 2> kGenders = {{
    {Gender::kMale, "male", "男"},
    {Gender::kFemale, "female", "女"},
}};

constexpr std::array<EnumInfo<MemberStatus>, kMemberStatusCount> kStatuses = {{
    {MemberStatus::kProbationary, "probationary", "预备党员"},
    {MemberStatus::kFull, "full", "正式党员"},
    {MemberStatus::kTransferredOut, "transferred_out", "已转出"},
    {MemberStatus::kDeceased, "deceased", "已去世"},
    {MemberStatus::kLapsed, "lapsed", "已出党"},
}};

constexpr std::array<EnumInfo<MemberCategory>, kMemberCategoryCount> kCategories = {{
    {MemberCategory::kInService, "in_service", "在职"},
    {MemberCategory::kRetired, "retired", "离退休"},
    {MemberCategory::kStudent, "student", "学生"},
    {MemberCategory::kOther, "other", "其他"},
}};

constexpr std::array<EnumInfo<Education>, kEducationCount> kEducations = {{
    {Education::kDoctorate, "doctorate", "博士研究生"},
    {Education::kMaster, "master", "硕士研究生"},
    {Education::kBachelor, "bachelor", "大学本科"},
    {Education::kAssociate, "associate", "大学专科"},
    {Education::kSecondaryVocational, "secondary_vocational", "中专"},
    {Education::kHighSchool, "high_school", "高中"},
    {Education::kJuniorOrBelow, "junior_or_below", "初中及以下"},
}};

constexpr std::array<std::string_view, 58> kEthnicities = {
    "汉族",     "蒙古族",   "回族",       "藏族",     "维吾尔族",   "苗族",   "彝族",     "壮族",
    "布依族",   "朝鲜族",   "满族",       "侗族",     "瑶族",       "白族",   "土家族",   "哈尼族",
    "哈萨克族", "傣族",     "黎族",       "傈僳族",   "佤族",       "畲族",   "高山族",   "拉祜族",
    "水族",     "东乡族",   "纳西族",     "景颇族",   "柯尔克孜族", "土族",   "达斡尔族", "仫佬族",
    "羌族",     "布朗族",   "撒拉族",     "毛南族",   "仡佬族",     "锡伯族", "阿昌族",   "普米族",
    "塔吉克族", "怒族",     "乌孜别克族", "俄罗斯族", "鄂温克族",   "德昂族", "保安族",   "裕固族",
    "京族",     "塔塔尔族", "独龙族",     "鄂伦春族", "赫哲族",     "门巴族", "珞巴族",   "基诺族",
    "穿青人",   "其他",
};

}  // namespace

const char* GenderId(Gender g) { return kGenders[static_cast<int>(g)].id; }
std::optional<Gender> ParseGender(std::string_view id) { return FindById(kGenders, id); }
const char* GenderLabel(Gender g) { return kGenders[static_cast<int>(g)].label; }
std::optional<Gender> ParseGenderLabel(std::string_view label) {
  return FindByLabel(kGenders, label);
}

const char* MemberStatusId(MemberStatus s) { return kStatuses[static_cast<int>(s)].id; }
std::optional<MemberStatus> ParseMemberStatus(std::string_view id) {
  return FindById(kStatuses, id);
}
const char* MemberStatusLabel(MemberStatus s) { return kStatuses[static_cast<int>(s)].label; }
std::optional<MemberStatus> ParseMemberStatusLabel(std::string_view label) {
  return FindByLabel(kStatuses, label);
}
bool IsActive(MemberStatus s) {
  return s == MemberStatus::kProbationary || s == MemberStatus::kFull;
}

const char* MemberCategoryId(MemberCategory c) { return kCategories[static_cast<int>(c)].id; }
std::optional<MemberCategory> ParseMemberCategory(std::string_view id) {
  return FindById(kCategories, id);
}
const char* MemberCategoryLabel(MemberCategory c) { return kCategories[static_cast<int>(c)].label; }
std::optional<MemberCategory> ParseMemberCategoryLabel(std::string_view label) {
  return FindByLabel(kCategories, label);
}

const char* EducationId(Education e) { return kEducations[static_cast<int>(e)].id; }
std::optional<Education> ParseEducation(std::string_view id) { return FindById(kEducations, id); }
const char* EducationLabel(Education e) { return kEducations[static_cast<int>(e)].label; }
std::optional<Education> ParseEducationLabel(std::string_view label) {
  return FindByLabel(kEducations, label);
}

bool IsKnownEthnicity(std::string_view name) {
  return std::find(kEthnicities.begin(), kEthnicities.end(), name) != kEthnicities.end();
}

}  // namespace dj
