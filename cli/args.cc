#include "args.h"

#include <cstddef>
#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace polygraph::cli {
namespace {

absl::Status UsageError(std::string message) {
  return absl::InvalidArgumentError(std::move(message));
}

// Walks the arguments of `check`, `graph`, `reach` or `exposure`: options with
// values (written
// "--name value" or "--name=value"), "--help", "--" and paths.
class OptionParser {
 public:
  OptionParser(const std::vector<std::string>& args, size_t start)
      : args_(args), next_(start) {}

  absl::Status Parse(Args* out) {
    bool only_paths = false;
    while (next_ < args_.size()) {
      const std::string& arg = args_[next_++];
      if (only_paths || arg == "-" || !arg.starts_with("-")) {
        out->paths.push_back(arg);
      } else if (arg == "--") {
        only_paths = true;
      } else if (arg == "--help" || arg == "-h") {
        out->command = Command::kHelp;
        return absl::OkStatus();
      } else if (absl::Status status = Option(arg, out); !status.ok()) {
        return status;
      }
    }
    return absl::OkStatus();
  }

 private:
  absl::Status Option(const std::string& arg, Args* out) {
    size_t equals = arg.find('=');
    std::string name = arg.substr(0, equals);
    bool check = out->command == Command::kCheck;
    bool diff = out->command == Command::kDiff;
    bool reach = out->command == Command::kReach;
    if (check && equals == std::string::npos &&
        (name == "--show-suppressed" || name == "--changed-lines")) {
      (name == "--show-suppressed" ? out->show_suppressed
                                   : out->changed_lines) = true;
      return absl::OkStatus();
    }
    bool takes_value =
        name == "--format" || name == "--output" || name == "--param" ||
        name == "--params" || name == "--var" || name == "--var-file" ||
        ((check || diff) && (name == "--fail-on" || name == "--only" ||
                             name == "--skip" || name == "--rules")) ||
        (check && (name == "--baseline" || name == "--write-baseline" ||
                   name == "--changed-lines-from")) ||
        (diff && name == "--base-ref") ||
        (reach && (name == "--from" || name == "--to" || name == "--port" ||
                   name == "--protocol"));
    if (!takes_value) return UsageError(absl::StrCat("unknown option ", name));
    std::string value;
    if (equals != std::string::npos) {
      value = arg.substr(equals + 1);
    } else if (next_ < args_.size()) {
      value = args_[next_++];
    } else {
      return UsageError(absl::StrCat("option ", name, " needs a value"));
    }
    if (value.empty())
      return UsageError(absl::StrCat("option ", name, " needs a value"));
    if (name == "--format") {
      out->format = value;
    } else if (name == "--param") {
      size_t split = value.find('=');
      if (split == std::string::npos || split == 0) {
        return UsageError(
            absl::StrCat("option --param needs Name=Value, got '", value, "'"));
      }
      out->parameters[value.substr(0, split)] = value.substr(split + 1);
    } else if (name == "--params") {
      out->parameter_files.push_back(value);
    } else if (name == "--var") {
      size_t split = value.find('=');
      if (split == std::string::npos || split == 0) {
        return UsageError(
            absl::StrCat("option --var needs NAME=VALUE, got '", value, "'"));
      }
      out->variables[value.substr(0, split)] = value.substr(split + 1);
    } else if (name == "--var-file") {
      out->variable_files.push_back(value);
    } else if (name == "--output") {
      out->output = value;
    } else if (name == "--rules") {
      out->rule_paths.push_back(value);
    } else if (name == "--baseline") {
      out->baseline = value;
    } else if (name == "--write-baseline") {
      out->write_baseline = value;
    } else if (name == "--changed-lines-from") {
      out->changed_lines_from = value;
    } else if (name == "--base-ref") {
      out->base_ref = value;
    } else if (name == "--from") {
      out->from = value;
    } else if (name == "--to") {
      out->to = value;
    } else if (name == "--port") {
      out->port = value;
    } else if (name == "--protocol") {
      out->protocol = value;
    } else if (name == "--fail-on") {
      std::optional<Severity> severity = ParseSeverity(value);
      if (!severity.has_value()) {
        return UsageError(
            absl::StrCat("unknown severity '", value,
                         "' (expected info, low, medium, high or critical)"));
      }
      out->fail_on = *severity;
    } else {
      std::vector<std::string>& ids =
          name == "--only" ? out->only_rules : out->skip_rules;
      for (absl::string_view id :
           absl::StrSplit(value, ',', absl::SkipEmpty())) {
        ids.emplace_back(id);
      }
    }
    return absl::OkStatus();
  }

  const std::vector<std::string>& args_;
  size_t next_;
};

// check: the report formats.
absl::Status CheckReportFormat(const Args& args) {
  for (std::string_view format : {"text", "json", "sarif", "markdown", "junit"})
    if (args.format == format) return absl::OkStatus();
  return UsageError(
      absl::StrCat("unknown format '", args.format,
                   "' for check (expected text, json, sarif, markdown or "
                   "junit)"));
}

absl::Status CheckFormat(const Args& args, std::string_view first,
                         std::string_view second, std::string_view command) {
  if (args.format == first || args.format == second) return absl::OkStatus();
  return UsageError(absl::StrCat(
      "unknown format '", args.format, "' for ",
      absl::string_view(command.data(), command.size()), " (expected ",
      absl::string_view(first.data(), first.size()), " or ",
      absl::string_view(second.data(), second.size()), ")"));
}

// reach and exposure: text (default), json or dot.
absl::Status CheckReachFormat(const Args& args, std::string_view command) {
  if (args.format == "text" || args.format == "json" || args.format == "dot") {
    return absl::OkStatus();
  }
  return UsageError(
      absl::StrCat("unknown format '", args.format, "' for ",
                   absl::string_view(command.data(), command.size()),
                   " (expected text, json or dot)"));
}

// rules list [--format text|markdown] [--rules PATH]...
// rules explain RULE-ID [--rules PATH]...
absl::StatusOr<Args> ParseRules(const std::vector<std::string>& args) {
  Args out;
  std::string_view sub = args.size() > 1 ? std::string_view(args[1]) : "";
  if (sub.empty())
    return UsageError("rules: expected 'list' or 'explain RULE-ID'");
  if (sub == "--help" || sub == "-h") return out;
  bool list = sub == "list";
  if (!list && sub != "explain") {
    return UsageError(absl::StrCat("rules: unknown subcommand '",
                                   absl::string_view(sub.data(), sub.size()),
                                   "'"));
  }
  const char* usage =
      list ? "usage: polygraph rules list [--format text|markdown] "
             "[--rules PATH]..."
           : "usage: polygraph rules explain RULE-ID [--rules PATH]...";
  for (size_t i = 2; i < args.size(); ++i) {
    std::string_view arg = args[i];
    std::string_view name = arg.substr(0, arg.find('='));
    bool has_value = name.size() < arg.size();
    if (name == "--rules" || (list && name == "--format")) {
      std::string value;
      if (has_value) {
        value = std::string(arg.substr(name.size() + 1));
      } else if (i + 1 < args.size()) {
        value = args[++i];
      }
      if (value.empty()) return UsageError(usage);
      (name == "--rules" ? out.rule_paths.emplace_back() : out.format) = value;
    } else if (!list && out.rule_id.empty() && !arg.starts_with("-")) {
      out.rule_id = std::string(arg);
    } else {
      return UsageError(usage);
    }
  }
  if (list) {
    if (out.format.empty()) out.format = "text";
    if (out.format != "text" && out.format != "markdown") {
      return UsageError(absl::StrCat("unknown format '", out.format,
                                     "' for rules list (expected text or "
                                     "markdown)"));
    }
    out.command = Command::kRulesList;
  } else {
    if (out.rule_id.empty()) return UsageError(usage);
    out.command = Command::kRulesExplain;
  }
  return out;
}

}  // namespace

absl::StatusOr<Args> ParseArgs(const std::vector<std::string>& args) {
  Args out;
  if (args.empty()) return UsageError("no command given");
  const std::string& first = args[0];
  if (first == "--version" || first == "version") {
    if (args.size() > 1)
      return UsageError(absl::StrCat("unexpected argument ", args[1]));
    out.command = Command::kVersion;
    return out;
  }
  if (first == "--help" || first == "-h" || first == "help") return out;
  if (first == "rules") return ParseRules(args);
  if (first == "cidr") {
    if (args.size() == 2 && (args[1] == "--help" || args[1] == "-h"))
      return out;
    out.command = Command::kCidr;
    out.cidr_args.assign(args.begin() + 1, args.end());
    return out;
  }
  if (first == "iam") {
    if (args.size() == 2 && (args[1] == "--help" || args[1] == "-h"))
      return out;
    out.command = Command::kIam;
    out.iam_args.assign(args.begin() + 1, args.end());
    return out;
  }
  if (first == "reach" || first == "exposure") {
    out.command = first == "reach" ? Command::kReach : Command::kExposure;
    if (absl::Status status = OptionParser(args, 1).Parse(&out); !status.ok())
      return status;
    if (out.command == Command::kHelp) return out;
    if (out.format.empty()) out.format = "text";
    if (absl::Status format = CheckReachFormat(out, first); !format.ok())
      return format;
    if (out.paths.empty())
      return UsageError(absl::StrCat(first, ": no paths given"));
    if (out.command == Command::kReach && (out.from.empty() || out.to.empty()))
      return UsageError("reach: --from and --to are required");
    return out;
  }
  if (first == "diff") {
    out.command = Command::kDiff;
    if (absl::Status status = OptionParser(args, 1).Parse(&out); !status.ok())
      return status;
    return out;  // RunDiff checks the operands and the format
  }
  if (first != "check" && first != "graph") {
    if (first.starts_with("-"))
      return UsageError(absl::StrCat("unknown option ", first));
    return UsageError(absl::StrCat("unknown command '", first, "'"));
  }
  bool check = first == "check";
  out.command = check ? Command::kCheck : Command::kGraph;
  if (absl::Status status = OptionParser(args, 1).Parse(&out); !status.ok())
    return status;
  if (out.command == Command::kHelp) return out;
  if (out.format.empty()) out.format = check ? "text" : "dot";
  absl::Status format =
      check ? CheckReportFormat(out) : CheckFormat(out, "dot", "json", "graph");
  if (!format.ok()) return format;
  if (out.paths.empty())
    return UsageError(absl::StrCat(first, ": no paths given"));
  return out;
}

}  // namespace polygraph::cli
