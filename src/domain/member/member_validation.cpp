#include "domain/member/member_validation.h"

#include "common/id_number.h"
#include "common/text.h"

namespace dj {
namespace {

constexpr size_t kMaxNameLength = 20;
constexpr size_t kMaxPostLength = 50;

class Problems {
 public:
  explicit Problems(int row) : row_(row) {}
  void Add(std::string field, std::string value, std::string key, std::string message) {
    out_.push_back({row_, std::move(field), std::move(value), std::move(key), std::move(message)});
  }
  std::vector<FieldError> Take() { return std::move(out_); }

 private:
  int row_;
  std::vector<FieldError> out_;
};

std::string Str(const std::optional<Date>& d) { return d ? d->ToString() : ""; }

}  // namespace

void NormalizeMember(Member& m) {
  m.name = NormalizeInput(m.name);
  m.ethnicity = NormalizeInput(m.ethnicity);
  m.id_number = NormalizeInput(m.id_number);
  if (m.id_number.size() == 18 && m.id_number[17] == 'x') m.id_number[17] = 'X';
  m.phone = NormalizeInput(m.phone);
  m.post = NormalizeInput(m.post);
}

std::vector<FieldError> ValidateMemberFields(const Member& m, Date today, int row) {
  Problems p(row);
  if (m.name.empty()) {
    p.Add("name", m.name, "required", "姓名不能为空");
  } else if (!IsValidUtf8(m.name) || Utf8Length(m.name) > kMaxNameLength) {
    p.Add("name", m.name, "too_long", "姓名不能超过20个字");
  }
  if (m.ethnicity.empty()) {
    p.Add("ethnicity", m.ethnicity, "required", "民族不能为空");
  } else if (!IsKnownEthnicity(m.ethnicity)) {
    p.Add("ethnicity", m.ethnicity, "unknown_ethnicity",
          "民族“" + m.ethnicity + "”不在民族名录中，应写全称，如“汉族”");
  }
  if (m.birth_date > today) {
    p.Add("birth_date", m.birth_date.ToString(), "in_future", "出生日期不能晚于今天");
  }
  if (m.id_number.empty()) {
    p.Add("id_number", m.id_number, "required", "身份证号不能为空");
  } else {
    IdNumberCheck check = CheckIdNumber(m.id_number);
    if (!check.info) {
      p.Add("id_number", m.id_number, "id_number_invalid", IdNumberProblemMessage(check.problem));
    } else {
      if (check.info->birth_date != m.birth_date) {
        p.Add("birth_date", m.birth_date.ToString(), "birth_date_mismatch",
              "出生日期与身份证号不一致（身份证号中为 " + check.info->birth_date.ToString() + "）");
      }
      if (check.info->gender != m.gender) {
        p.Add("gender", GenderId(m.gender), "gender_mismatch",
              std::string("性别与身份证号不一致（身份证号中为") + GenderLabel(check.info->gender) +
                  "）");
      }
    }
  }
  if (!m.phone.empty() && !IsValidPhone(m.phone)) {
    p.Add("phone", m.phone, "phone_invalid",
          "联系电话格式不正确，应为11位手机号或带区号的固定电话");
  }
  if (!IsValidUtf8(m.post) || Utf8Length(m.post) > kMaxPostLength) {
    p.Add("post", m.post, "too_long", "职务不能超过50个字");
  }

  const std::string prob = m.probationary_date.ToString();
  if (m.probationary_date > today) {
    p.Add("probationary_date", prob, "in_future", "入党时间不能晚于今天");
  } else if (FullYearsBetween(m.birth_date, m.probationary_date) < 18) {
    p.Add("probationary_date", prob, "under_age",
          "入党时须年满十八岁（FZ-14-1《中国共产党发展党员工作细则》第五条）");
  }

  const bool active = IsActive(m.status);
  if (m.status == MemberStatus::kProbationary && m.full_date) {
    p.Add("full_date", Str(m.full_date), "full_date_for_probationary", "预备党员不应填写转正时间");
  }
  if (m.status == MemberStatus::kFull && !m.full_date) {
    p.Add("full_date", "", "required", "正式党员须填写转正时间");
  }
  if (m.full_date) {
    if (*m.full_date > today) {
      p.Add("full_date", Str(m.full_date), "in_future", "转正时间不能晚于今天");
    } else if (*m.full_date < m.probationary_date.AddYears(1)) {
      p.Add("full_date", Str(m.full_date), "probation_too_short",
            "转正时间须在入党满一年之后（DZ-22-2《中国共产党章程》第七条：预备期为一年）");
    }
  }
  if (active && m.left_date) {
    p.Add("left_date", Str(m.left_date), "left_date_for_active",
          std::string(MemberStatusLabel(m.status)) + "不应填写离开日期");
  }
  if (!active) {
    if (!m.left_date) {
      p.Add("left_date", "", "required",
            std::string("状态为“") + MemberStatusLabel(m.status) + "”时须填写离开日期");
    } else if (*m.left_date > today) {
      p.Add("left_date", Str(m.left_date), "in_future", "离开日期不能晚于今天");
    } else if (*m.left_date < m.probationary_date) {
      p.Add("left_date", Str(m.left_date), "before_admission", "离开日期不能早于入党时间");
    }
  }
  return p.Take();
}

std::vector<FieldError> ValidateBranchSince(const Member& m, Date branch_since, Date today,
                                            int row) {
  Problems p(row);
  // Equal to the admission date (the default): any problem with that date is already
  // reported under probationary_date, where the user entered it.
  if (branch_since == m.probationary_date) return p.Take();
  if (branch_since > today) {
    p.Add("branch_since", branch_since.ToString(), "in_future", "进入本支部日期不能晚于今天");
  } else if (branch_since < m.probationary_date) {
    p.Add("branch_since", branch_since.ToString(), "before_admission",
          "进入本支部日期不能早于入党时间");
  }
  return p.Take();
}

}  // namespace dj
