// The question bank (题库) of knowledge contests (学习竞答): single-choice, multiple-choice and
// true/false questions with tags (chapter, topic), a difficulty and an explanation. Questions
// are entered once, by hand or from .xlsx, and drawn into contest papers (contest.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace dj {

using QuestionId = int64_t;

enum class QuestionKind {
  kSingle,     // 单选题: one correct option
  kMultiple,   // 多选题: two or more correct options
  kTrueFalse,  // 判断题: the options are 正确 / 错误
};
inline constexpr int kQuestionKindCount = 3;
const char* QuestionKindId(QuestionKind kind);  // "single", "multiple", "true_false"
std::optional<QuestionKind> ParseQuestionKind(std::string_view id);
const char* QuestionKindLabel(QuestionKind kind);  // "单选题", "多选题", "判断题"
std::optional<QuestionKind> ParseQuestionKindLabel(std::string_view label);

// Limits of a question, checked by CheckQuestion (lengths in characters, i.e. code points).
inline constexpr int kMinOptions = 2;
inline constexpr int kMaxOptions = 8;  // A–H
inline constexpr int kMaxStemChars = 1000;
inline constexpr int kMaxOptionChars = 200;
inline constexpr int kMaxExplanationChars = 2000;
inline constexpr int kMaxTags = 8;
inline constexpr int kMaxTagChars = 30;
inline constexpr int kMinDifficulty = 1;  // 易
inline constexpr int kMaxDifficulty = 5;  // 难

// The options of every true/false question, in this order.
inline constexpr const char* kTrueLabel = "正确";
inline constexpr const char* kFalseLabel = "错误";

// A set of options as bits: bit i is option i (A = bit 0).
using OptionSet = uint8_t;

struct Question {
  QuestionId id = 0;
  QuestionKind kind = QuestionKind::kSingle;
  std::string stem;
  std::vector<std::string> options;
  OptionSet answer = 0;           // the correct options
  std::vector<std::string> tags;  // e.g. chapter and topic
  int difficulty = 3;
  std::string explanation;

  bool operator==(const Question&) const = default;
};

// Every problem with `q`, each naming its field ("stem", "options", "answer", "tags",
// "difficulty", "explanation") with a stable key and a Chinese message; `row` is left 0.
std::vector<FieldError> CheckQuestion(const Question& q);

// The answer as it is written on paper: "A", "ACD", or 正确 / 错误 for true/false.
std::string AnswerText(const Question& q);
// Reads an answer written as letters ("A", "acd", "A,C,D", "A、C") or, for true/false, as
// 正确 / 错误 / 对 / 错 / √ / × / T / F / A / B. nullopt when it names an option the question
// does not have or is empty. The answer's count (one for single and true/false, two or more
// for multiple) is CheckQuestion's business.
std::optional<OptionSet> ParseAnswerText(QuestionKind kind, std::string_view text,
                                         int option_count);

// A question's text as typed, with white space (ASCII and the ideographic space U+3000)
// removed from both ends only: Chinese punctuation is full-width on purpose, so NormalizeInput
// is not for question texts. For the API and the sheet alike.
std::string TrimQuestionText(std::string_view text);

// Text as searches and DedupeKey compare it: normalised (full-width letters and digits to
// ASCII), ASCII lower case, without white space.
std::string FoldText(std::string_view text);

// What makes two questions the same for de-duplication: the kind, the stem and the set of
// options, ignoring white space (ASCII and full-width), ASCII case, full-width letters and
// digits, and the options' order.
std::string DedupeKey(const Question& q);

}  // namespace dj
