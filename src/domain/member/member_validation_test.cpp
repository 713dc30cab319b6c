#include "domain/member/member_validation.h"

#include <gtest/gtest.h>

#include <functional>

#include "domain/testing/fixtures.h"

namespace dj {
namespace {

using testing::D;

const Date kToday = D("2026-11-22");

Member Valid() { return testing::MakeMember("张伟", 5, D("1985-06-15"), Gender::kMale, 1); }

TEST(MemberValidationTest, AcceptsAValidMember) {
  EXPECT_TRUE(ValidateMemberFields(Valid(), kToday).empty());
  Member probationary = Valid();
  probationary.status = MemberStatus::kProbationary;
  probationary.full_date.reset();
  EXPECT_TRUE(ValidateMemberFields(probationary, kToday).empty());
  Member deceased = Valid();
  deceased.status = MemberStatus::kDeceased;
  deceased.left_date = D("2026-01-05");
  EXPECT_TRUE(ValidateMemberFields(deceased, kToday).empty());
}

TEST(MemberValidationTest, NamesEachProblem) {
  struct Case {
    const char* what;
    std::function<void(Member&)> change;
    const char* field;
    const char* key;
    std::string message;
  };
  std::vector<Case> cases = {
      {"empty name", [](Member& m) { m.name = ""; }, "name", "required", "姓名不能为空"},
      {"long name", [](Member& m) { m.name = std::string(21 * 3, 'a'); }, "name", "too_long",
       "姓名不能超过20个字"},
      {"unknown ethnicity", [](Member& m) { m.ethnicity = "汉"; }, "ethnicity", "unknown_ethnicity",
       "民族“汉”不在民族名录中，应写全称，如“汉族”"},
      {"bad id checksum",
       [](Member& m) { m.id_number.back() = m.id_number.back() == '1' ? '2' : '1'; }, "id_number",
       "id_number_invalid", "身份证号校验位错误"},
      {"short id", [](Member& m) { m.id_number = "42010619850615"; }, "id_number",
       "id_number_invalid", "身份证号应为18位"},
      {"birth mismatch",
       [](Member& m) {
         m.birth_date = D("1985-06-16");
         m.probationary_date = D("2010-07-01");
         m.full_date = D("2011-07-01");
       },
       "birth_date", "birth_date_mismatch", "出生日期与身份证号不一致（身份证号中为 1985-06-15）"},
      {"gender mismatch", [](Member& m) { m.gender = Gender::kFemale; }, "gender",
       "gender_mismatch", "性别与身份证号不一致（身份证号中为男）"},
      {"bad phone", [](Member& m) { m.phone = "12345"; }, "phone", "phone_invalid",
       "联系电话格式不正确，应为11位手机号或带区号的固定电话"},
      {"admitted under 18",
       [](Member& m) {
         m.probationary_date = D("2003-06-14");
         m.full_date = D("2004-06-14");
       },
       "probationary_date", "under_age",
       "入党时须年满十八岁（FZ-14-1《中国共产党发展党员工作细则》第五条）"},
      {"admitted in future",
       [](Member& m) {
         m.probationary_date = D("2026-11-23");
         m.full_date.reset();
         m.status = MemberStatus::kProbationary;
       },
       "probationary_date", "in_future", "入党时间不能晚于今天"},
      {"probation too short",
       [](Member& m) { m.full_date = m.probationary_date.AddYears(1).AddDays(-1); }, "full_date",
       "probation_too_short",
       "转正时间须在入党满一年之后（DZ-22-2《中国共产党章程》第七条：预备期为一年）"},
      {"full without date", [](Member& m) { m.full_date.reset(); }, "full_date", "required",
       "正式党员须填写转正时间"},
      {"probationary with full date", [](Member& m) { m.status = MemberStatus::kProbationary; },
       "full_date", "full_date_for_probationary", "预备党员不应填写转正时间"},
      {"active with left date", [](Member& m) { m.left_date = D("2020-01-01"); }, "left_date",
       "left_date_for_active", "正式党员不应填写离开日期"},
      {"left without date", [](Member& m) { m.status = MemberStatus::kLapsed; }, "left_date",
       "required", "状态为“已出党”时须填写离开日期"},
      {"left before admission",
       [](Member& m) {
         m.status = MemberStatus::kTransferredOut;
         m.left_date = D("2009-01-01");
       },
       "left_date", "before_admission", "离开日期不能早于入党时间"},
      {"born in future", [](Member& m) { m.birth_date = D("2027-01-01"); }, "birth_date",
       "in_future", "出生日期不能晚于今天"},
  };
  for (auto& c : cases) {
    Member m = Valid();
    c.change(m);
    auto problems = ValidateMemberFields(m, kToday, 7);
    bool found = false;
    for (const auto& p : problems) {
      if (p.field == c.field && p.key == c.key) {
        found = true;
        EXPECT_EQ(p.message, c.message) << c.what;
        EXPECT_EQ(p.row, 7) << c.what;
      }
    }
    EXPECT_TRUE(found) << c.what << ": expected " << c.field << "/" << c.key;
  }
}

TEST(MemberValidationTest, BoundariesAreInclusiveWhereTheRuleSaysSo) {
  Member m = Valid();
  m.probationary_date = D("2003-06-15");  // 18th birthday
  m.full_date = D("2004-06-15");          // exactly one year
  EXPECT_TRUE(ValidateMemberFields(m, kToday).empty());
  m.full_date = kToday.AddDays(1);
  EXPECT_FALSE(ValidateMemberFields(m, kToday).empty());
}

TEST(MemberValidationTest, NormalizesWhatPeopleType) {
  Member m = Valid();
  std::string id = m.id_number;
  m.name = " 张伟\u3000";
  m.id_number = "";
  for (char c : id) {
    m.id_number += c == 'X' ? std::string("\xEF\xBD\x98")  // full-width lower-case x
                            : std::string("\xEF\xBC") + static_cast<char>(0x90 + (c - '0'));
  }
  NormalizeMember(m);
  EXPECT_EQ(m.name, "张伟");
  EXPECT_EQ(m.id_number, id);
}

TEST(MemberValidationTest, BranchSinceWithinAdmissionAndToday) {
  Member m = Valid();
  EXPECT_TRUE(ValidateBranchSince(m, m.probationary_date, kToday).empty());
  auto early = ValidateBranchSince(m, m.probationary_date.AddDays(-1), kToday);
  ASSERT_EQ(early.size(), 1u);
  EXPECT_EQ(early[0].message, "进入本支部日期不能早于入党时间");
  auto late = ValidateBranchSince(m, kToday.AddDays(1), kToday);
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].message, "进入本支部日期不能晚于今天");
}

}  // namespace
}  // namespace dj
