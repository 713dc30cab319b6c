// The contest repositories in memory, for the domain tests: the uniqueness and staleness
// checks the SQLite ones have, and a failure to inject.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "domain/contest/attempt.h"
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

  Status PublishContest(const WriteContext& ctx, const Contest& before, const Contest& after,
                        const std::vector<Question>& pool) override {
    if (fail_next) {
      fail_next = false;
      return Error::Internal("injected");
    }
    DJ_RETURN_IF_ERROR(UpdateContest(ctx, before, after, "publish"));
    pools[after.id] = pool;
    return Ok();
  }
  Result<std::vector<Question>> LoadPool(ContestId id) override {
    auto it = pools.find(id);
    return it == pools.end() ? std::vector<Question>() : it->second;
  }

  std::map<ContestId, Contest> stored;
  std::map<ContestId, std::vector<Question>> pools;
  ContestId last_id = 0;
  std::vector<std::string> actions;
  bool fail_next = false;
};

// Attempts in memory. Writes are held until Flush (the batch becoming durable), so tests see
// what a caller sees while its write waits; `fail_next` fails the next write at Flush.
class MemoryAttempts final : public AttemptRepository {
 public:
  Result<std::vector<StoredAttempt>> LoadAttempts() override {
    std::vector<StoredAttempt> out;
    for (const auto& [id, a] : stored) out.push_back(a);
    return out;
  }
  void InsertAttempt(const WriteContext&, const StoredAttempt& attempt, Done done) override {
    pending.push_back({[this, attempt]() -> Status {
                         for (const auto& [id, a] : stored) {
                           if (a.contest == attempt.contest && a.member == attempt.member &&
                               a.number == attempt.number) {
                             return Error::Conflict("contest.attempt_exists", "已有");
                           }
                         }
                         stored[attempt.id] = attempt;
                         return Ok();
                       },
                       std::move(done)});
  }
  void SubmitAttempt(const WriteContext&, const StoredAttempt& attempt, Done done) override {
    pending.push_back({[this, attempt]() -> Status {
                         auto it = stored.find(attempt.id);
                         if (it == stored.end())
                           return Error::NotFound("contest.attempt_not_found", "无");
                         if (it->second.submitted_at) {
                           return Error::Conflict("contest.already_submitted", "已交");
                         }
                         it->second = attempt;
                         return Ok();
                       },
                       std::move(done)});
  }
  // Runs the writes waiting and tells their callers; returns how many there were.
  size_t Flush() {
    std::vector<Write> batch = std::move(pending);
    pending.clear();
    for (Write& w : batch) {
      Status status = Ok();
      if (fail_next) {
        fail_next = false;
        status = Error::Internal("injected");
      } else {
        status = w.apply();
      }
      w.done(std::move(status));
    }
    return batch.size();
  }

  struct Write {
    std::function<Status()> apply;
    Done done;
  };
  std::map<AttemptId, StoredAttempt> stored;
  std::vector<Write> pending;
  bool fail_next = false;
};

}  // namespace dj::testing
