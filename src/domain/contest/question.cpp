#include "domain/contest/question.h"

#include <algorithm>
#include <array>

#include "common/enum_table.h"
#include "common/text.h"

namespace dj {
namespace {

constexpr std::array<EnumInfo<QuestionKind>, kQuestionKindCount> kKinds = {{
    {QuestionKind::kSingle, "single", "单选题"},
    {QuestionKind::kMultiple, "multiple", "多选题"},
    {QuestionKind::kTrueFalse, "true_false", "判断题"},
}};

int Bits(OptionSet set) { return __builtin_popcount(set); }

}  // namespace

std::string TrimQuestionText(std::string_view text) {
  constexpr std::string_view kSpaces[] = {" ", "\t", "\r", "\n", "\u3000"};
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    for (std::string_view space : kSpaces) {
      if (text.starts_with(space)) {
        text.remove_prefix(space.size());
        trimmed = true;
      }
      if (text.ends_with(space)) {
        text.remove_suffix(space.size());
        trimmed = true;
      }
    }
  }
  return std::string(text);
}

std::string FoldText(std::string_view text) {
  std::string folded = NormalizeInput(text);
  std::string out;
  out.reserve(folded.size());
  for (char c : folded) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

const char* QuestionKindId(QuestionKind kind) { return InfoOf(kKinds, kind).id; }
std::optional<QuestionKind> ParseQuestionKind(std::string_view id) { return FindById(kKinds, id); }
const char* QuestionKindLabel(QuestionKind kind) { return InfoOf(kKinds, kind).label; }
std::optional<QuestionKind> ParseQuestionKindLabel(std::string_view label) {
  return FindByLabel(kKinds, label);
}

std::vector<FieldError> CheckQuestion(const Question& q) {
  std::vector<FieldError> errors;
  auto add = [&](const char* field, std::string value, const char* key, std::string message) {
    errors.push_back({0, field, std::move(value), key, std::move(message)});
  };
  auto too_long = [](std::string_view text, int max) {
    return static_cast<int>(Utf8Length(text)) > max;
  };
  if (!IsValidUtf8(q.stem) || FoldText(q.stem).empty()) {
    add("stem", q.stem, "stem_required", "题干不能为空");
  } else if (too_long(q.stem, kMaxStemChars)) {
    add("stem", "", "stem_too_long", "题干不能超过 " + std::to_string(kMaxStemChars) + " 字");
  }

  const int n = static_cast<int>(q.options.size());
  if (q.kind == QuestionKind::kTrueFalse) {
    if (n != 2 || q.options[0] != kTrueLabel || q.options[1] != kFalseLabel) {
      add("options", "", "true_false_options", "判断题的选项应为“正确”“错误”");
    }
  } else if (n < kMinOptions || n > kMaxOptions) {
    add("options", std::to_string(n), "option_count",
        "选择题应有 " + std::to_string(kMinOptions) + " 至 " + std::to_string(kMaxOptions) +
            " 个选项");
  } else {
    std::vector<std::string> seen;
    for (int i = 0; i < n; ++i) {
      const std::string& o = q.options[static_cast<size_t>(i)];
      const std::string letter(1, static_cast<char>('A' + i));
      if (!IsValidUtf8(o) || FoldText(o).empty()) {
        add("options", letter, "option_empty", "选项 " + letter + " 不能为空");
      } else if (too_long(o, kMaxOptionChars)) {
        add("options", letter, "option_too_long",
            "选项 " + letter + " 不能超过 " + std::to_string(kMaxOptionChars) + " 字");
      } else if (std::find(seen.begin(), seen.end(), FoldText(o)) != seen.end()) {
        add("options", letter, "option_duplicate", "选项 " + letter + " 与前面的选项重复");
      }
      seen.push_back(FoldText(o));
    }
  }

  const OptionSet all = n >= 8 ? OptionSet{0xff} : static_cast<OptionSet>((1u << n) - 1);
  if (q.answer == 0) {
    add("answer", "", "answer_required", "请填写正确答案");
  } else if ((q.answer & ~all) != 0) {
    add("answer", AnswerText(q), "answer_out_of_range", "答案中有不存在的选项");
  } else if (q.kind == QuestionKind::kMultiple && Bits(q.answer) < 2) {
    add("answer", AnswerText(q), "multiple_needs_two", "多选题至少应有 2 个正确选项");
  } else if (q.kind != QuestionKind::kMultiple && Bits(q.answer) != 1) {
    add("answer", AnswerText(q), "single_needs_one",
        std::string(QuestionKindLabel(q.kind)) + "只能有 1 个正确答案");
  }

  if (static_cast<int>(q.tags.size()) > kMaxTags) {
    add("tags", std::to_string(q.tags.size()), "too_many_tags",
        "标签不能超过 " + std::to_string(kMaxTags) + " 个");
  }
  for (const std::string& t : q.tags) {
    if (!IsValidUtf8(t) || FoldText(t).empty() || too_long(t, kMaxTagChars)) {
      add("tags", t, "tag_invalid",
          "标签应为 1 至 " + std::to_string(kMaxTagChars) + " 字：“" + t + "”");
      break;
    }
  }
  if (q.difficulty < kMinDifficulty || q.difficulty > kMaxDifficulty) {
    add("difficulty", std::to_string(q.difficulty), "difficulty_range",
        "难度应为 " + std::to_string(kMinDifficulty) + " 至 " + std::to_string(kMaxDifficulty));
  }
  if (!IsValidUtf8(q.explanation) || too_long(q.explanation, kMaxExplanationChars)) {
    add("explanation", "", "explanation_too_long",
        "解析不能超过 " + std::to_string(kMaxExplanationChars) + " 字");
  }
  return errors;
}

std::string AnswerText(const Question& q) {
  if (q.kind == QuestionKind::kTrueFalse) {
    if (q.answer == 1) return kTrueLabel;
    if (q.answer == 2) return kFalseLabel;
  }
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (q.answer & (1u << i)) out.push_back(static_cast<char>('A' + i));
  }
  return out;
}

std::optional<OptionSet> ParseAnswerText(QuestionKind kind, std::string_view text,
                                         int option_count) {
  const std::string folded = FoldText(text);
  if (folded.empty()) return std::nullopt;
  if (kind == QuestionKind::kTrueFalse) {
    for (const char* yes : {"正确", "对", "√", "✓", "t", "true", "a"}) {
      if (folded == yes) return OptionSet{1};
    }
    for (const char* no : {"错误", "错", "×", "✗", "f", "false", "b"}) {
      if (folded == no) return OptionSet{2};
    }
    return std::nullopt;
  }
  OptionSet set = 0;
  for (size_t i = 0; i < folded.size(); ++i) {
    const char c = folded[i];
    if (c >= 'a' && c <= 'h') {
      const int at = c - 'a';
      if (at >= option_count) return std::nullopt;
      set = static_cast<OptionSet>(set | (1u << at));
    } else if (c == ',' || c == ';' || c == '/') {
      continue;
    } else if (folded.compare(i, 3, "、") == 0) {  // full-width ，and ； are folded already
      i += 2;                                      // three bytes in UTF-8
    } else {
      return std::nullopt;
    }
  }
  if (set == 0) return std::nullopt;
  return set;
}

std::string DedupeKey(const Question& q) {
  std::vector<std::string> options;
  options.reserve(q.options.size());
  for (const std::string& o : q.options) options.push_back(FoldText(o));
  std::sort(options.begin(), options.end());
  std::string key = QuestionKindId(q.kind);
  key += '\x1f';
  key += FoldText(q.stem);
  for (const std::string& o : options) {
    key += '\x1f';
    key += o;
  }
  return key;
}

}  // namespace dj
