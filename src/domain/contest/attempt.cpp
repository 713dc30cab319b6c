#include "domain/contest/attempt.h"

#include <charconv>

namespace dj {
namespace {

// Calls `each(id, rest)` for every "id:rest" of a ";"-separated list; false when one is not of
// that form or `each` refuses it.
template <typename Each>
bool ForEachItem(std::string_view text, Each each) {
  if (text.empty()) return true;
  for (bool last = false; !last;) {
    const size_t end = text.find(';');
    last = end == std::string_view::npos;
    std::string_view item = text.substr(0, end);
    text = last ? std::string_view() : text.substr(end + 1);
    const size_t colon = item.find(':');
    if (colon == std::string_view::npos) return false;
    int64_t id = 0;
    auto [ptr, ec] = std::from_chars(item.data(), item.data() + colon, id);
    if (ec != std::errc() || ptr != item.data() + colon || id <= 0) return false;
    if (!each(id, item.substr(colon + 1))) return false;
  }
  return true;
}

}  // namespace

std::string PaperText(const Paper& paper) {
  std::string out;
  out.reserve(paper.size() * 12);
  for (const IssuedQuestion& q : paper) {
    if (!out.empty()) out += ';';
    out += std::to_string(q.id);
    out += ':';
    for (uint8_t o : q.order) out += static_cast<char>('0' + o);
  }
  return out;
}

std::optional<Paper> ParsePaperText(std::string_view text) {
  Paper paper;
  const bool ok = ForEachItem(text, [&](int64_t id, std::string_view order) {
    if (order.size() > static_cast<size_t>(kMaxOptions)) return false;
    IssuedQuestion q{id, {}};
    for (char c : order) {
      if (c < '0' || c >= '0' + kMaxOptions) return false;
      q.order.push_back(static_cast<uint8_t>(c - '0'));
    }
    paper.push_back(std::move(q));
    return true;
  });
  if (!ok) return std::nullopt;
  return paper;
}

std::string AnswersText(const std::vector<Answer>& answers) {
  std::string out;
  out.reserve(answers.size() * 8);
  for (const Answer& a : answers) {
    if (!out.empty()) out += ';';
    out += std::to_string(a.question);
    out += ':';
    out += std::to_string(a.chosen);
  }
  return out;
}

std::optional<std::vector<Answer>> ParseAnswersText(std::string_view text) {
  std::vector<Answer> answers;
  const bool ok = ForEachItem(text, [&](int64_t id, std::string_view chosen) {
    unsigned value = 0;
    auto [ptr, ec] = std::from_chars(chosen.data(), chosen.data() + chosen.size(), value);
    if (ec != std::errc() || ptr != chosen.data() + chosen.size() || value > 255) return false;
    answers.push_back({id, static_cast<OptionSet>(value)});
    return true;
  });
  if (!ok) return std::nullopt;
  return answers;
}

}  // namespace dj
