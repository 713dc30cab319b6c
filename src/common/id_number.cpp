#include "common/id_number.h"

namespace dj {

char IdNumberCheckChar(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kChars[] = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kChars[sum % 11];
}

IdNumberCheck CheckIdNumber(std::string_view id) {
  IdNumberCheck out;
  if (id.size() != 18) {
    out.problem = IdNumberProblem::kLength;
    return out;
  }
  for (int i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9') {
      out.problem = IdNumberProblem::kCharacters;
      return out;
    }
  }
  char last = id[17] == 'x' ? 'X' : id[17];
  if (!((last >= '0' && last <= '9') || last == 'X')) {
    out.problem = IdNumberProblem::kCharacters;
    return out;
  }
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (id[i] - '0');
    return v;
  };
  auto birth = Date::FromYmd(num(6, 4), num(10, 2), num(12, 2));
  if (!birth || birth->year() < 1900) {
    out.problem = IdNumberProblem::kBirthDate;
    return out;
  }
  if (IdNumberCheckChar(id) != last) {
    out.problem = IdNumberProblem::kChecksum;
    return out;
  }
  out.info = IdNumberInfo{*birth, (id[16] - '0') % 2 == 1 ? Gender::kMale : Gender::kFemale};
  return out;
}

const char* IdNumberProblemMessage(IdNumberProblem problem) {
  switch (problem) {
    case IdNumberProblem::kLength:
      return "身份证号应为18位";
    case IdNumberProblem::kCharacters:
      return "身份证号前17位应为数字，末位为数字或X";
    case IdNumberProblem::kBirthDate:
      return "身份证号中的出生日期不存在";
    case IdNumberProblem::kChecksum:
      return "身份证号校验位错误";
  }
  return "身份证号无效";
}

std::string MaskIdNumber(std::string_view id) {
  if (id.size() != 18) return std::string(id.size(), '*');
  std::string out(id);
  for (size_t i = 6; i < 14; ++i) out[i] = '*';
  return out;
}

}  // namespace dj
