#include "vae/run_folder.h"

#include "json_limits.h"
#include "vae/errors.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace vae {
namespace {

constexpr const char* kRunFormat = "vae-explorer-run/1";
constexpr std::uintmax_t kMaxRunJsonBytes = 1 << 20;

std::string readSmallFile(const std::filesystem::path& file)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw DataError(file.string() + ": no such file (is this a run folder? see "
                                        "docs/follow-runs.md)");
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec || size > kMaxRunJsonBytes)
        throw DataError(file.string() + ": " +
                        (ec ? "cannot read its size (" + ec.message() + ")"
                            : "larger than 1 MiB, not a run description"));
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof())
        throw DataError(file.string() + ": read error");
    return text.str();
}

} // namespace

RunFolder::RunFolder(std::filesystem::path folder) : m_folder(std::move(folder))
{
    std::error_code ec;
    if (!std::filesystem::is_directory(m_folder, ec))
        throw DataError(m_folder.string() + ": no such folder");
    readRunJson();
}

void RunFolder::readRunJson()
{
    const std::filesystem::path file = m_folder / "run.json";
    std::string text = readSmallFile(file);
    auto fail = [&file](const std::string& problem) {
        throw DataError(file.string() + ": " + problem);
    };
    nlohmann::json j;
    try {
        j = detail::parseBounded(text, {.maxDepth = 3, .maxValues = 1 << 16});
    } catch (const std::exception& e) {
        fail(std::string("not valid JSON (") + e.what() + ")");
    }
    if (!j.is_object() || !j.contains("format") || j["format"] != kRunFormat)
        fail(std::string("not a run description (its \"format\" is not \"") + kRunFormat + "\")");
    if (!j.contains("config") || !j["config"].is_object())
        fail("no \"config\" object");
    if (!j.contains("data") || !j["data"].is_object())
        fail("no \"data\" object");
    TrainingConfig config;
    DataDescription description;
    try {
        config = TrainingConfig::fromJson(j["config"].dump());
        description = DataDescription::fromJson(j["data"].dump());
    } catch (const Error& e) {
        fail(e.what());
    }
    // The config's input size and image shape are the data's unless the script said them.
    if (!j["config"].contains("input_size"))
        config.inputSize = description.inputSize();
    if (!j["config"].contains("image_height")) {
        config.imageHeight = description.height;
        config.imageWidth = description.width;
        config.imageChannels = description.channels;
    }
    if (description.inputSize() != config.inputSize)
        fail("the data (" + description.name + ") has " + std::to_string(description.inputSize()) +
             " values per example, but the model takes " + std::to_string(config.inputSize));
    try {
        config.validate();
    } catch (const ConfigError& e) {
        fail(std::string("invalid config: ") + e.what());
    }
    int worldSize = 1;
    if (j.contains("world_size") && !detail::integerValue(j["world_size"], worldSize))
        fail("\"world_size\" is " + detail::describeJson(j["world_size"]) + ", expected an integer");
    m_config = std::move(config);
    m_description = std::move(description);
    m_worldSize = worldSize;
    m_runJson = std::move(text);
}

RunFolder::Update RunFolder::poll()
{
    Update update;
    {
        std::error_code ec;
        if (!std::filesystem::is_directory(m_folder, ec))
            throw DataError(m_folder.string() + ": the run folder is gone");
        if (readSmallFile(m_folder / "run.json") != m_runJson) {
            readRunJson();
            update.restarted = true;
        }
    }
    const std::filesystem::path file = m_folder / "history.jsonl";
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec)
        return update; // not written yet
    if (size < m_offset) // truncated: a new run began (python/vae_explorer's open_run)
        update.restarted = true;
    if (update.restarted) {
        m_offset = 0;
        m_lines = 0;
        m_lastStep = 0;
        m_skippingLongLine = false;
    }
    if (size == m_offset)
        return update;
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return update; // replaced between the size and the open: read at the next poll
    in.seekg(std::streamoff(m_offset));
    // Read what is there now, complete lines only; a long tail is read in pieces.
    std::string chunk(std::size_t(std::min<std::uintmax_t>(size - m_offset, 8u << 20)), '\0');
    in.read(chunk.data(), std::streamsize(chunk.size()));
    chunk.resize(std::size_t(in.gcount()));
    std::size_t begin = 0;
    for (;;) {
        const std::size_t end = chunk.find('\n', begin);
        if (end == std::string::npos)
            break;
        ++m_lines;
        if (m_skippingLongLine) {
            m_skippingLongLine = false; // the end of a line skipped as too long
        } else if (end - begin > kMaxLineBytes) {
            if (update.problems.size() < kMaxProblems)
                update.problems.push_back("history.jsonl line " + std::to_string(m_lines) +
                                          ": longer than 1 MiB, skipped");
        } else {
            parseLine(chunk.substr(begin, end - begin), update);
        }
        begin = end + 1;
    }
    // An unfinished line longer than the limit would hold the reader forever: skip to its end.
    if (m_skippingLongLine) {
        begin = chunk.size(); // still inside it
    } else if (chunk.size() - begin > kMaxLineBytes) {
        m_skippingLongLine = true;
        if (update.problems.size() < kMaxProblems)
            update.problems.push_back("history.jsonl line " + std::to_string(m_lines + 1) +
                                      ": longer than 1 MiB, skipped");
        begin = chunk.size();
    }
    m_offset += begin;
    return update;
}

void RunFolder::parseLine(const std::string& line, Update& update)
{
    auto problem = [&](const std::string& text) {
        if (update.problems.size() < kMaxProblems)
            update.problems.push_back("history.jsonl line " + std::to_string(m_lines) + ": " +
                                      text);
    };
    if (line.find_first_not_of(" \t\r") == std::string::npos)
        return; // a blank line
    nlohmann::json j;
    try {
        j = detail::parseBounded(line, {.maxDepth = 2, .maxValues = 64});
    } catch (const std::exception& e) {
        problem(std::string("not a JSON record (") + e.what() + ")");
        return;
    }
    if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string()) {
        problem("no \"kind\"");
        return;
    }
    const std::string kind = j["kind"].get<std::string>();
    // A loss value: a number, or null for a non-finite one (NaN), as the module writes it.
    auto number = [&](const nlohmann::json& object, const char* key, double& out,
                      bool required = true) {
        const auto it = object.find(key);
        if (it == object.end()) {
            if (required)
                throw std::invalid_argument(std::string("no \"") + key + "\"");
            return;
        }
        if (it->is_null()) {
            out = std::numeric_limits<double>::quiet_NaN();
            return;
        }
        if (!it->is_number())
            throw std::invalid_argument(std::string("\"") + key + "\" is " +
                                        detail::describeJson(*it) + ", not a number");
        out = it->get<double>();
    };
    auto terms = [&](const nlohmann::json& object, const char* key) {
        const auto it = object.find(key);
        if (it == object.end() || !it->is_object())
            throw std::invalid_argument(std::string("no \"") + key + "\" object");
        LossTerms t;
        number(*it, "reconstruction", t.reconstruction);
        number(*it, "kl", t.kl);
        t.elbo = -(t.reconstruction + t.kl);
        return t;
    };
    try {
        if (kind == "step") {
            StepRecord s;
            if (!j.contains("step") || !detail::integerValue(j["step"], s.step) || s.step < 1)
                throw std::invalid_argument("\"step\" is not a whole number ≥ 1");
            if (s.step <= m_lastStep)
                throw std::invalid_argument("step " + std::to_string(s.step) +
                                            " does not follow step " + std::to_string(m_lastStep));
            number(j, "epoch", s.epoch);
            number(j, "reconstruction", s.loss.reconstruction);
            number(j, "kl", s.loss.kl);
            s.loss.elbo = -(s.loss.reconstruction + s.loss.kl);
            number(j, "beta", s.beta, false);
            number(j, "learning_rate", s.learningRate, false);
            m_lastStep = s.step;
            update.steps.push_back(s);
        } else if (kind == "epoch") {
            EpochSummary e;
            if (!j.contains("epoch") || !detail::integerValue(j["epoch"], e.epoch) || e.epoch < 1)
                throw std::invalid_argument("\"epoch\" is not a whole number ≥ 1");
            number(j, "fraction", e.fraction, false);
            e.train = terms(j, "train");
            e.test = terms(j, "test");
            number(j, "seconds", e.seconds, false);
            number(j, "samples_per_second", e.samplesPerSecond, false);
            update.epochs.push_back(e);
        } else if (kind == "end") {
            update.ended = j.contains("status") && j["status"].is_string()
                               ? j["status"].get<std::string>()
                               : std::string("finished");
        } else {
            problem("unknown kind \"" + kind.substr(0, 32) + "\"");
        }
    } catch (const std::invalid_argument& e) {
        problem(kind + " record: " + e.what());
    }
}

std::filesystem::path RunFolder::checkpointPath() const { return m_folder / "model.safetensors"; }

std::optional<RunFolder::FileStamp> RunFolder::checkpointStamp() const
{
    std::error_code ec;
    const auto path = checkpointPath();
    const auto time = std::filesystem::last_write_time(path, ec);
    if (ec)
        return std::nullopt;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        return std::nullopt;
    return FileStamp{time, size};
}

} // namespace vae
