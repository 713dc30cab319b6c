// The question bank in memory: every question by id and by DedupeKey, searched and counted
// without the database, written through QuestionRepository. A province's bank is a few
// thousand questions; contests draw their papers from a snapshot of it.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "domain/contest/question.h"
#include "domain/contest/question_repository.h"
#include "domain/write_context.h"

namespace dj {

struct QuestionQuery {
  std::string text;  // part of the stem, an option or the explanation (folded like DedupeKey)
  std::string tag;   // exactly this tag
  std::optional<QuestionKind> kind;
  std::optional<int> difficulty;
  size_t offset = 0;
  size_t limit = 20;
};

struct QuestionPage {
  size_t total = 0;
  std::vector<Question> items;  // newest first
};

struct TagCount {
  std::string tag;
  std::array<int, kQuestionKindCount> by_kind{};  // QuestionKind order
  int total = 0;

  bool operator==(const TagCount&) const = default;
};

// Thread-safe. Writes are serialised, so two requests adding the same question cannot both
// pass the duplicate check.
class QuestionBank {
 public:
  explicit QuestionBank(QuestionRepository& repository) : repository_(repository) {}

  // Reads every stored question. Called once before use.
  Status Load();

  size_t size() const;
  // NotFound "question.not_found".
  Result<Question> Get(QuestionId id) const;
  QuestionPage Find(const QuestionQuery& query) const;
  // Every tag with its questions per kind, by tag; questions without a tag under "".
  std::vector<TagCount> Tags() const;
  // The whole bank as it is now, for drawing papers and checking contest settings; later
  // writes do not change a snapshot taken.
  std::shared_ptr<const std::vector<Question>> Snapshot() const;

  // Adds one question. Validation with CheckQuestion's errors, or "duplicate" on the stem
  // naming the question it repeats.
  Result<Question> Add(const WriteContext& ctx, Question question);
  // Adds every question or none (an import): Validation listing every problem of every
  // question, each FieldError's row being the question's entry in `rows` (the sheet's row
  // numbers; same length as `questions`) — CheckQuestion's errors, "duplicate" (of a question
  // of the bank) and "duplicate_in_file" (of an earlier question, naming its row).
  Result<std::vector<Question>> AddAll(const WriteContext& ctx, std::vector<Question> questions,
                                       const std::vector<int>& rows);
  // The problems AddAll would find, without writing anything.
  std::vector<FieldError> CheckAll(const std::vector<Question>& questions,
                                   const std::vector<int>& rows) const;
  // Replaces question `id` (the id of `question` is ignored). NotFound "question.not_found";
  // Validation as for Add (a duplicate of another question).
  Result<Question> Update(const WriteContext& ctx, QuestionId id, Question question);
  // NotFound "question.not_found".
  Status Remove(const WriteContext& ctx, QuestionId id);

 private:
  // Under mu_ (shared): the duplicate error for `key` unless it is `self`'s.
  std::optional<FieldError> DuplicateOf(const std::string& key, QuestionId self) const;
  void Put(const Question& q);  // under mu_ (unique)
  void Republish();             // under mu_ (unique): a new snapshot of by_id_

  QuestionRepository& repository_;
  std::mutex write_mu_;  // one write at a time, check to store
  mutable std::shared_mutex mu_;
  struct Entry {
    Question question;
    std::string folded;  // FoldText of the stem, the options and the explanation, for Find
  };
  std::map<QuestionId, Entry> by_id_;
  std::unordered_map<std::string, QuestionId> by_key_;
  std::shared_ptr<const std::vector<Question>> snapshot_ =
      std::make_shared<const std::vector<Question>>();  // rebuilt by every write
};

}  // namespace dj
