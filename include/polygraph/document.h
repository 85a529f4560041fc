#ifndef POLYGRAPH_DOCUMENT_H_
#define POLYGRAPH_DOCUMENT_H_

// Readers: turn JSON or YAML text into a located Value tree (value.h), in
// which every node and every object key carries its 1-based line and byte
// column.
//
//   absl::StatusOr<Value> doc = ParseYaml(text, "template.yaml");
//   if (!doc.ok()) { /* ErrorLocation(doc.status()) says where */ }
//
// JSON is strict RFC 8259: no comments, no trailing commas, no duplicate
// keys, no leading zeros, valid UTF-8 only. Numbers keep their literal text.
//
// YAML follows the YAML 1.2 core schema as CloudFormation uses it:
//   - plain (unquoted) scalars: "true"/"True"/"TRUE"/"false"/... are
//     booleans; "null"/"Null"/"NULL"/"~"/empty are null; decimal integers,
//     floats, 0x../0o.. and .inf/.nan are numbers (text kept as written, so
//     an unquoted account ID "012345678901" keeps its leading zero);
//     everything else, including YAML 1.1's yes/no/on/off, is a string;
//   - quoted and block (| >) scalars are always strings;
//   - application tags are kept verbatim in Value::tag ("!Ref", "!GetAtt",
//     "!Sub", ...); a tagged scalar is a string ("!Ref Foo" -> "Foo");
//   - the standard tags !!str, !!null, !!bool, !!int, !!float set the kind;
//   - aliases are expanded (each expansion counts towards max_nodes);
//   - a stream must hold at most one document; an empty stream is null.
// Duplicate mapping keys and non-scalar keys are errors.
//
// Errors are InvalidArgument statuses made by InputError(): the message is
// "file:line:col: reason" and ErrorLocation() recovers the location. No
// exception escapes these functions.
//
// Thread safety: all functions are thread-safe (no shared state).

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "polygraph/value.h"

namespace polygraph {

struct ParseOptions {
  // Deepest nesting of arrays/objects accepted; deeper input is an error.
  // Default 256. Readers, Value's destructor and most consumers recurse once
  // per level, so keep this well under a few thousand (yaml-cpp itself stops
  // at 2000).
  int max_depth = 256;
  // YAML only: the most nodes the reader may create, counting every node of
  // every alias expansion. Default 1'000'000 (about 200 MB of Values at
  // worst). Defeats "billion laughs" alias bombs.
  size_t max_nodes = 1'000'000;
  // Longest input accepted, in bytes. Default 64 MiB. ReadDocumentFile
  // checks it before reading.
  size_t max_input_bytes = size_t{64} << 20;
  // YAML only: longest input accepted, in bytes. Default 16 MiB.
  // CloudFormation itself takes templates of at most 1 MB, and the YAML
  // reader holds about 60 bytes of memory per input byte while it parses,
  // so this bounds a load at about 1 GB.
  size_t max_yaml_bytes = size_t{16} << 20;
};

// Parses one JSON text. `file_name` is only used in locations. A UTF-8 byte
// order mark is skipped (columns on line 1 count from after it).
absl::StatusOr<Value> ParseJson(std::string_view text,
                                std::string_view file_name,
                                const ParseOptions& options = {});

// Parses a YAML stream of at most one document (via yaml-cpp). A leading
// UTF-8 byte order mark is skipped.
absl::StatusOr<Value> ParseYaml(std::string_view text,
                                std::string_view file_name,
                                const ParseOptions& options = {});

// Reads the file at `path` and parses it: ".json" as JSON, ".yaml"/".yml" as
// YAML, anything else (".template", no extension) as JSON when its first
// non-blank character is '{' or '[', else as YAML. Locations name `path`.
// Errors: NotFound when the file does not exist; InvalidArgument when it
// cannot be read, is a folder, is larger than max_input_bytes, or does not
// parse.
absl::StatusOr<Value> ReadDocumentFile(const std::string& path,
                                       const ParseOptions& options = {});

// The bytes of the file at `path`, with ReadDocumentFile's errors other
// than parsing (NotFound; InvalidArgument for a folder, an unreadable file,
// or one larger than max_input_bytes).
absl::StatusOr<std::string> ReadTextFile(const std::string& path,
                                         const ParseOptions& options = {});

}  // namespace polygraph

#endif  // POLYGRAPH_DOCUMENT_H_
