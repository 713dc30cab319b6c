#include "exchange/contest_sheet.h"

#include <cstdio>

#include "common/date.h"
#include "office/xlsx_writer.h"

namespace dj {
namespace {

// "2026-11-22 12:00:05", Shanghai time.
std::string ShanghaiTimeText(int64_t unix_seconds) {
  const int64_t second_of_day = unix_seconds - ShanghaiMidnightUnix(ShanghaiDateOf(unix_seconds));
  char time[16];
  std::snprintf(time, sizeof time, " %02d:%02d:%02d", static_cast<int>(second_of_day / 3600),
                static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60));
  return ShanghaiDateOf(unix_seconds).ToString() + time;
}

}  // namespace

Result<std::string> WriteRankingExport(const std::vector<MemberRankRow>& members,
                                       const std::vector<NodeRankSheet>& levels) {
  DJ_ASSIGN_OR_RETURN(auto writer, XlsxWriter::Create());
  const std::vector<XlsxColumn> member_columns = {
      {"名次", 8}, {"姓名", 12}, {"所在支部", 30},   {"所在单位", 30},
      {"得分", 8}, {"满分", 8},  {"用时（秒）", 12}, {"交卷时间", 20}};
  DJ_RETURN_IF_ERROR(writer->AddSheet("个人排名", member_columns));
  for (const MemberRankRow& r : members) {
    const std::vector<XlsxCell> row = {int64_t{r.rank},   r.name,
                                       r.branch,          r.unit,
                                       int64_t{r.points}, int64_t{r.max_points},
                                       r.seconds,         ShanghaiTimeText(r.submitted_at)};
    DJ_RETURN_IF_ERROR(writer->AddRow(row));
  }
  for (const NodeRankSheet& level : levels) {
    const std::vector<XlsxColumn> columns = {{"名次", 8},         {level.level, 30},
                                             {"应参赛人数", 12},  {"参赛人数", 12},
                                             {"参与率（%）", 12}, {"平均分", 10}};
    DJ_RETURN_IF_ERROR(writer->AddSheet(level.name, columns));
    for (const NodeRankRow& r : level.rows) {
      const std::vector<XlsxCell> row = {int64_t{r.rank}, r.name,         r.eligible,
                                         r.participants,  r.rate * 100.0, r.average};
      DJ_RETURN_IF_ERROR(writer->AddRow(row));
    }
  }
  return writer->Finish();
}

Result<std::string> WritePassList(const std::vector<PassRow>& rows) {
  DJ_ASSIGN_OR_RETURN(auto writer, XlsxWriter::Create());
  const std::vector<XlsxColumn> columns = {
      {"单位", 30}, {"支部", 30}, {"姓名", 12}, {"参赛链接（本人专用，请勿转发）", 80}};
  DJ_RETURN_IF_ERROR(writer->AddSheet("参赛链接", columns));
  for (const PassRow& r : rows) {
    const std::vector<XlsxCell> row = {r.unit, r.branch, r.name, r.link};
    DJ_RETURN_IF_ERROR(writer->AddRow(row));
  }
  return writer->Finish();
}

}  // namespace dj
