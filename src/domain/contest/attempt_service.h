// Contests as members take part (答题): starting an attempt with a paper drawn for it,
// resuming it, submitting it, and the live rankings.
//
// Every attempt lives in memory, grouped by contest, and is written through
// AttemptRepository, which answers when the write is durable. A start or a submission is
// checked and applied in memory first — so a second start or a second submission of the
// same attempt is refused at once, even while the first one's write waits for its batch —
// and its caller learns through `stored` when it may tell the participant. A failed write
// undoes what was applied.
//
// Rankings are kept up to date with every submission that is durable: each member counts
// with their best attempt (points, then the shorter time, then the earlier submission);
// units and zones by participation (members who submitted ÷ members eligible now) and by the
// average of their participants' best points.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "domain/contest/attempt.h"
#include "domain/contest/contest_service.h"
#include "domain/roster/roster.h"
#include "domain/write_context.h"

namespace dj {

// A member taking part in a contest (what a contest pass names).
struct Participant {
  ContestId contest = 0;
  MemberId member = 0;
};

// An attempt with the questions of its paper, for showing it. The answer key is in the
// questions: whoever shows them decides what to leave out.
struct AttemptView {
  StoredAttempt attempt;
  std::vector<const Question*> questions;             // in the order of attempt.paper, into `pool`
  std::shared_ptr<const std::vector<Question>> pool;  // the contest's questions, kept alive
};

// A member's part in a contest: the contest, whether they may take part, their attempts.
struct ParticipantOverview {
  Contest contest;
  bool eligible = false;
  std::vector<StoredAttempt> attempts;  // by number; papers and answers left out
  std::optional<AttemptId> open;        // the attempt to resume, if any
  int paper_size = 0;                   // questions per paper
};

struct MemberRank {
  int rank = 0;  // 1-based; members with equal points and time share none (earlier first)
  MemberId member = 0;
  NodeId branch = 0;
  int points = 0;
  int max_points = 0;
  int64_t seconds = 0;  // time taken by the best attempt
  int64_t submitted_at = 0;
};

struct NodeRank {
  int rank = 0;
  NodeId node = 0;
  int64_t eligible = 0;      // members on the rolls under the node now
  int64_t participants = 0;  // members who submitted an attempt
  double rate = 0;           // participants ÷ eligible (0 when none eligible)
  double average = 0;        // average best points of the participants
};

enum class NodeRankOrder { kRate, kAverage };

struct Activity {
  int64_t at = 0;  // unix seconds, the start of the bucket
  int64_t started = 0;
  int64_t submitted = 0;
};

struct ContestMonitor {
  int64_t eligible = 0;
  int64_t participants = 0;  // members who submitted
  int64_t started = 0;       // attempts started
  int64_t submitted = 0;     // attempts submitted
  int64_t in_progress = 0;   // attempts open now
  double average = 0;
  std::vector<Activity> per_minute;  // every minute with activity, oldest first
  std::vector<Activity> per_second;  // the last 120 seconds up to `now`, oldest first
};

class AttemptService {
 public:
  using Done = AttemptRepository::Done;

  // All three must outlive the service.
  AttemptService(AttemptRepository& repository, const ContestService& contests,
                 const Roster& roster)
      : repository_(repository), contests_(contests), roster_(roster) {}

  // Reads every stored attempt. Call once, after ContestService::Load.
  Status Load();

  // The member's part in the contest. NotFound "contest.not_found" for a contest that is
  // not published (or closed) — a draft is not shown to members.
  Result<ParticipantOverview> Overview(const Participant& p, int64_t now) const;

  // Starts an attempt: CheckStart's errors (with the member's current branch under the
  // contest's scope as eligibility, and only active members), then a paper is drawn and the
  // attempt stored. On success the view is returned at once and `stored` is called later
  // with the write's status (on failure the attempt is gone again).
  Result<AttemptView> Start(const WriteContext& ctx, const Participant& p, int64_t now,
                            Done stored);

  // The open attempt, to resume it. NotFound "contest.no_open_attempt"; Conflict
  // "contest.attempt_starting" while its start is not yet durable.
  Result<AttemptView> Current(const Participant& p, int64_t now) const;

  // Submits attempt `id` of the participant: CheckSubmit's errors, NotFound
  // "contest.attempt_not_found" (also for another member's attempt), Conflict
  // "contest.attempt_starting" and "contest.submitting" (a submission of it is being
  // stored). Scores it; on success the scored attempt with its questions is returned at once
  // and `stored` called later, as for Start.
  Result<AttemptView> Submit(const WriteContext& ctx, const Participant& p, AttemptId id,
                             std::vector<Answer> answers, int64_t now, Done stored);

  // A submitted attempt of the participant with its questions. NotFound
  // "contest.attempt_not_found".
  Result<AttemptView> Submitted(const Participant& p, AttemptId id) const;

  // Members by their best attempt, under `node` (the contest's scope when 0): `limit` from
  // `offset`; `total` receives how many there are. NotFound "contest.not_found".
  Result<std::vector<MemberRank>> RankMembers(ContestId contest, NodeId node, size_t offset,
                                              size_t limit, size_t* total) const;
  // The nodes of `kind` under `node` (the contest's scope when 0), each with its
  // participation and average, best first in `order`. NotFound "contest.not_found",
  // "org.not_found".
  Result<std::vector<NodeRank>> RankNodes(ContestId contest, NodeId node, NodeKind kind,
                                          NodeRankOrder order) const;
  // Counts and activity over time. NotFound "contest.not_found".
  Result<ContestMonitor> Monitor(ContestId contest, int64_t now) const;

 private:
  enum class SlotState : uint8_t { kStarting, kOpen, kSubmitting, kSubmitted };
  // An attempt in memory: the stored attempt with its paper and answers kept as their text.
  struct Slot {
    AttemptId id = 0;
    MemberId member = 0;
    NodeId branch = 0;
    int number = 0;
    SlotState state = SlotState::kStarting;
    int64_t started_at = 0;
    int64_t deadline = 0;
    int64_t submitted_at = 0;
    int points = 0;
    int max_points = 0;
    int correct = 0;
    std::string paper;    // PaperText
    std::string answers;  // AnswersText, once submitted
  };
  struct RankKey {
    int points = 0;
    int64_t seconds = 0;
    int64_t submitted_at = 0;
    MemberId member = 0;
    bool operator<(const RankKey& o) const;
  };
  struct Best {
    RankKey key;
    NodeId branch = 0;
    int max_points = 0;
  };
  struct Totals {
    int64_t participants = 0;
    int64_t points = 0;
  };
  struct ScopeTree {
    uint64_t version = 0;
    std::vector<OrgNode> nodes;  // the scope's subtree in pre-order
    std::unordered_map<NodeId, NodeId> parent;
    std::unordered_map<NodeId, int64_t> eligible;  // members on the rolls under each node
    bool Under(NodeId id, NodeId ancestor) const;
  };
  struct Run {
    ContestId id = 0;
    std::shared_ptr<const std::vector<Question>> pool;
    std::unordered_map<QuestionId, const Question*> by_id;
    std::optional<PaperDrawer> drawer;
    mutable std::mutex mu;
    std::mt19937_64 rng;
    std::unordered_map<AttemptId, Slot> slots;
    std::unordered_map<MemberId, std::vector<AttemptId>> by_member;  // in number order
    std::unordered_map<MemberId, Best> best;
    std::set<RankKey> ranked;
    std::unordered_map<NodeId, Totals> totals;           // every node above a participant's branch
    std::unordered_map<NodeId, std::vector<NodeId>> up;  // a branch and the nodes above it
    std::map<int64_t, Activity> per_minute;
    std::map<int64_t, int64_t> submits_per_second;  // the last few minutes
    int64_t started = 0;
    int64_t submitted = 0;
    // The scope's tree with the members eligible under each node, as of a roster version.
    mutable std::shared_ptr<const ScopeTree> tree;
  };

  // The run of a published or closed contest, made on first use; NotFound otherwise.
  Result<std::shared_ptr<Run>> RunOf(ContestId id) const;
  std::shared_ptr<Run> MakeRun(ContestId id,
                               std::shared_ptr<const std::vector<Question>> pool) const;
  bool Eligible(const Contest& c, MemberId member, NodeId* branch) const;
  // The attempt without its paper, answers and score.
  static StoredAttempt Brief(ContestId contest, const Slot& slot);
  // Under run.mu: the attempt's view.
  AttemptView ViewOf(const Run& run, ContestId contest, const Slot& slot) const;
  // Under run.mu: a durable submission enters the rankings and the counts.
  void Rank(Run& run, const Slot& slot) const;
  const std::vector<NodeId>& Up(Run& run, NodeId branch) const;
  void Count(Run& run, int64_t at, bool start) const;
  // Under run.mu: the contest scope's tree, counted again when the roster changed.
  Result<std::shared_ptr<const ScopeTree>> TreeOf(const Run& run, NodeId scope) const;

  AttemptRepository& repository_;
  const ContestService& contests_;
  const Roster& roster_;
  mutable std::shared_mutex mu_;
  mutable std::map<ContestId, std::shared_ptr<Run>> runs_;
  std::atomic<AttemptId> last_id_{0};
};

}  // namespace dj
