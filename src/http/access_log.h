// The access log's logger: spdlog for formatting, with a sink that batches lines in memory and
// writes them from its own thread, so io threads never wait for the disk or the terminal and
// never wake another thread per line.
#pragma once

#include <spdlog/logger.h>

#include <chrono>
#include <memory>
#include <string>

#include "common/result.h"

namespace dj::http {

// A logger named "access" writing "<local time> <message>" lines to `file`, or to stderr when
// `file` is empty. Lines reach the file at most `flush_interval` after they are logged, and
// all of them by the time the logger is destroyed. If the writer falls more than 16 MiB
// behind, logging threads write synchronously rather than let memory grow. Not registered with
// spdlog's registry. Error: Unavailable "server.log_failed" when `file` cannot be opened for
// appending.
Result<std::shared_ptr<spdlog::logger>> MakeAccessLog(
    const std::string& file,
    std::chrono::milliseconds flush_interval = std::chrono::milliseconds(200));

}  // namespace dj::http
