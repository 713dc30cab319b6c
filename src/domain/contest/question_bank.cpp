#include "domain/contest/question_bank.h"

#include <algorithm>
#include <utility>

namespace dj {
namespace {

Error NotFound(QuestionId id) {
  return Error::NotFound("question.not_found", "试题 " + std::to_string(id) + " 不存在");
}

std::string Haystack(const Question& q) {
  std::string text = FoldText(q.stem);
  for (const std::string& o : q.options) text += "\n" + FoldText(o);
  text += "\n" + FoldText(q.explanation);
  return text;
}

}  // namespace

Status QuestionBank::Load() {
  DJ_ASSIGN_OR_RETURN(std::vector<Question> stored, repository_.LoadQuestions());
  std::unique_lock lock(mu_);
  by_id_.clear();
  by_key_.clear();
  for (const Question& q : stored) Put(q);
  Republish();
  return Ok();
}

size_t QuestionBank::size() const {
  std::shared_lock lock(mu_);
  return by_id_.size();
}

Result<Question> QuestionBank::Get(QuestionId id) const {
  std::shared_lock lock(mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return NotFound(id);
  return it->second.question;
}

QuestionPage QuestionBank::Find(const QuestionQuery& query) const {
  const std::string text = FoldText(query.text);
  QuestionPage page;
  std::shared_lock lock(mu_);
  for (auto it = by_id_.rbegin(); it != by_id_.rend(); ++it) {
    const Question& q = it->second.question;
    if (query.kind && q.kind != *query.kind) continue;
    if (query.difficulty && q.difficulty != *query.difficulty) continue;
    if (!query.tag.empty() && std::find(q.tags.begin(), q.tags.end(), query.tag) == q.tags.end()) {
      continue;
    }
    if (!text.empty() && it->second.folded.find(text) == std::string::npos) continue;
    if (page.total >= query.offset && page.items.size() < query.limit) page.items.push_back(q);
    ++page.total;
  }
  return page;
}

std::vector<TagCount> QuestionBank::Tags() const {
  std::map<std::string, TagCount> tags;
  std::shared_lock lock(mu_);
  for (const auto& [id, entry] : by_id_) {
    const Question& q = entry.question;
    auto count = [&](const std::string& tag) {
      TagCount& c = tags[tag];
      c.tag = tag;
      ++c.by_kind[static_cast<int>(q.kind)];
      ++c.total;
    };
    if (q.tags.empty()) count("");
    for (const std::string& tag : q.tags) count(tag);
  }
  std::vector<TagCount> out;
  out.reserve(tags.size());
  for (auto& [tag, c] : tags) out.push_back(std::move(c));
  return out;
}

std::shared_ptr<const std::vector<Question>> QuestionBank::Snapshot() const {
  std::shared_lock lock(mu_);
  return snapshot_;
}

Result<Question> QuestionBank::Add(const WriteContext& ctx, Question question) {
  std::lock_guard write(write_mu_);
  std::vector<FieldError> errors = CheckQuestion(question);
  if (errors.empty()) {
    std::shared_lock lock(mu_);
    if (auto dup = DuplicateOf(DedupeKey(question), 0)) errors.push_back(std::move(*dup));
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  DJ_ASSIGN_OR_RETURN(std::vector<Question> stored, repository_.InsertQuestions(ctx, {question}));
  std::unique_lock lock(mu_);
  Put(stored.front());
  Republish();
  return stored.front();
}

std::vector<FieldError> QuestionBank::CheckAll(const std::vector<Question>& questions,
                                               const std::vector<int>& rows) const {
  std::vector<FieldError> errors;
  std::unordered_map<std::string, int> seen;  // key → first row with it
  std::shared_lock lock(mu_);
  for (size_t i = 0; i < questions.size(); ++i) {
    const int row = i < rows.size() ? rows[i] : 0;
    std::vector<FieldError> problems = CheckQuestion(questions[i]);
    if (problems.empty()) {
      const std::string key = DedupeKey(questions[i]);
      if (auto dup = DuplicateOf(key, 0)) {
        problems.push_back(std::move(*dup));
      } else if (auto [it, fresh] = seen.emplace(key, row); !fresh) {
        problems.push_back({0, "stem", questions[i].stem, "duplicate_in_file",
                            "与第 " + std::to_string(it->second) + " 行的试题重复"});
      }
    }
    for (FieldError& e : problems) {
      e.row = row;
      errors.push_back(std::move(e));
    }
  }
  return errors;
}

Result<std::vector<Question>> QuestionBank::AddAll(const WriteContext& ctx,
                                                   std::vector<Question> questions,
                                                   const std::vector<int>& rows) {
  std::lock_guard write(write_mu_);
  std::vector<FieldError> errors = CheckAll(questions, rows);
  if (!errors.empty()) return Error::Validation(std::move(errors));
  if (questions.empty()) return questions;
  DJ_ASSIGN_OR_RETURN(std::vector<Question> stored, repository_.InsertQuestions(ctx, questions));
  std::unique_lock lock(mu_);
  for (const Question& q : stored) Put(q);
  Republish();
  return stored;
}

Result<Question> QuestionBank::Update(const WriteContext& ctx, QuestionId id, Question question) {
  std::lock_guard write(write_mu_);
  DJ_ASSIGN_OR_RETURN(Question before, Get(id));
  question.id = id;
  std::vector<FieldError> errors = CheckQuestion(question);
  if (errors.empty()) {
    std::shared_lock lock(mu_);
    if (auto dup = DuplicateOf(DedupeKey(question), id)) errors.push_back(std::move(*dup));
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  if (question == before) return question;
  DJ_RETURN_IF_ERROR(repository_.UpdateQuestion(ctx, before, question));
  std::unique_lock lock(mu_);
  by_key_.erase(DedupeKey(before));
  Put(question);
  Republish();
  return question;
}

Status QuestionBank::Remove(const WriteContext& ctx, QuestionId id) {
  std::lock_guard write(write_mu_);
  DJ_ASSIGN_OR_RETURN(Question before, Get(id));
  DJ_RETURN_IF_ERROR(repository_.DeleteQuestion(ctx, before));
  std::unique_lock lock(mu_);
  by_key_.erase(DedupeKey(before));
  by_id_.erase(id);
  Republish();
  return Ok();
}

std::optional<FieldError> QuestionBank::DuplicateOf(const std::string& key, QuestionId self) const {
  auto it = by_key_.find(key);
  if (it == by_key_.end() || it->second == self) return std::nullopt;
  const Question& other = by_id_.at(it->second).question;
  return FieldError{0, "stem", other.stem, "duplicate",
                    "与题库中的试题 " + std::to_string(other.id) + " 重复"};
}

void QuestionBank::Put(const Question& q) {
  by_key_[DedupeKey(q)] = q.id;
  by_id_[q.id] = Entry{q, Haystack(q)};
}

void QuestionBank::Republish() {
  auto all = std::make_shared<std::vector<Question>>();
  all->reserve(by_id_.size());
  for (const auto& [id, entry] : by_id_) all->push_back(entry.question);
  snapshot_ = std::move(all);
}

}  // namespace dj
