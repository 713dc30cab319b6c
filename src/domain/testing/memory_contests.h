// The contest repositories in memory, for the domain tests: the uniqueness and staleness
// checks the SQLite ones have, and a failure to inject.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/contest/contest_repository.h"
#include "domain/contest/question_repository.h"

namespace dj::testing {

class MemoryQuestions final : public QuestionRepository {
 public:
  Result<std::vector<Question>> LoadQuestions() override {
    std::vector<Question> out;
    for (const auto& [id, q] : stored) out.push_back(q);
    return out;
  }
  Result<std::vector<Question>> InsertQuestions(const WriteContext&,
                                                const std::vector<Question>& questions) override {
    if (fail_next) {
      fail_next = false;
      return Error::Internal("injected");
    }
    std::map<QuestionId, Question> next = stored;
    std::vector<Question> out;
    for (Question q : questions) {
      q.id = ++last_id;
      for (const auto& [id, other] : next) {
        if (DedupeKey(other) == DedupeKey(q)) {
          return Error::Conflict("question.duplicate", "重复");
        }
      }
      next[q.id] = q;
      out.push_back(q);
    }
    stored = std::move(next);
    ++writes;
    return out;
  }
  Status UpdateQuestion(const WriteContext&, const Question& before,
                        const Question& after) override {
    if (stored.at(before.id) != before) return Error::Conflict("question.stale", "已变");
    stored[after.id] = after;
    ++writes;
    return Ok();
  }
  Status DeleteQuestion(const WriteContext&, const Question& q) override {
    stored.erase(q.id);
    ++writes;
    return Ok();
  }

  std::map<QuestionId, Question> stored;
  QuestionId last_id = 0;
  int writes = 0;
  bool fail_next = false;
};

class MemoryContests final : public ContestRepository {
 public:
  Result<std::vector<Contest>> LoadContests() override {
    std::vector<Contest> out;
    for (const auto& [id, c] : stored) out.push_back(c);
    return out;
  }
  Result<Contest> InsertContest(const WriteContext&, const Contest& contest) override {
    if (fail_next) {
      fail_next = false;
      return Error::Internal("injected");
    }
    Contest c = contest;
    c.id = ++last_id;
    stored[c.id] = c;
    actions.push_back("create");
    return c;
  }
  Status UpdateContest(const WriteContext&, const Contest& before, const Contest& after,
                       std::string_view action) override {
    auto it = stored.find(before.id);
    if (it == stored.end()) return Error::NotFound("contest.not_found", "不存在");
    if (it->second != before) return Error::Conflict("contest.stale", "已变");
    it->second = after;
    actions.emplace_back(action);
    return Ok();
  }

  std::map<ContestId, Contest> stored;
  ContestId last_id = 0;
  std::vector<std::string> actions;
  bool fail_next = false;
};

}  // namespace dj::testing
