#include "vae/metrics.h"
#include "json_limits.h"
#include "vae/errors.h"

#include <nlohmann/json.hpp>

#include <limits>

namespace vae {
namespace {

nlohmann::json toJson(const LossTerms& t)
{
    return {{"reconstruction", t.reconstruction}, {"kl", t.kl}, {"elbo", t.elbo}};
}

nlohmann::json toJson(const EpochSummary& e)
{
    return {{"epoch", e.epoch},
            {"fraction", e.fraction},
            {"train", toJson(e.train)},
            {"test", toJson(e.test)},
            {"samples_per_second", e.samplesPerSecond},
            {"seconds", e.seconds}};
}

} // namespace

std::string metricsJson(const TrainingConfig& config, const std::vector<EpochSummary>& epochs,
                        const std::optional<LossTerms>& test, const DataDescription* data)
{
    nlohmann::json j;
    if (data)
        j["data"] = nlohmann::json::parse(data->toJson());
    j["config"] = nlohmann::json::parse(config.toJson());
    j["epochs"] = nlohmann::json::array();
    for (const EpochSummary& e : epochs)
        j["epochs"].push_back(toJson(e));
    if (test)
        j["test"] = toJson(*test);
    return j.dump(2);
}

std::string metricsJson(const TrainingConfig& config, const std::vector<EpochSummary>& epochs,
                        const std::optional<LossTerms>& test,
                        const std::optional<ImportanceWeightedMetric>& iw,
                        const DataDescription* data, const MutualInformationGap* mig)
{
    if (!iw && !mig)
        return metricsJson(config, epochs, test, data);
    nlohmann::json j = nlohmann::json::parse(metricsJson(config, epochs, test, data));
    if (iw)
        j["log_likelihood_iw"] = {{"k", iw->k},
                                  {"value", iw->value},
                                  {"std_error", iw->stdError},
                                  {"images", iw->images}};
    if (mig) {
        nlohmann::json factors = nlohmann::json::array();
        for (std::size_t k = 0; k < mig->gap.size(); ++k)
            factors.push_back(
                {{"name", data && k < data->factorNames.size() ? data->factorNames[k]
                                                               : std::to_string(k)},
                 {"gap", mig->gap[k]},
                 {"best_dimension", mig->bestDimension[k]},
                 {"entropy_nats", mig->factorEntropy[k]}});
        j["mig"] = {{"value", mig->mig}, {"factors", factors}};
    }
    return j.dump(2);
}

std::string historyToJson(const TrainingHistory& history)
{
    nlohmann::json steps = nlohmann::json::array();
    for (const StepRecord& s : history.steps)
        steps.push_back({s.step, s.epoch, s.loss.reconstruction, s.loss.kl, s.beta, s.learningRate});
    nlohmann::json epochs = nlohmann::json::array();
    for (const EpochSummary& e : history.epochs)
        epochs.push_back(toJson(e));
    nlohmann::json changes = nlohmann::json::array();
    for (const SettingChange& c : history.changes)
        changes.push_back({{"step", c.step},
                           {"epoch", c.epoch},
                           {"setting", c.setting},
                           {"from", c.from},
                           {"to", c.to}});
    return nlohmann::json{{"steps", steps}, {"epochs", epochs}, {"changes", changes}}.dump();
}

TrainingHistory historyFromJson(std::string_view text)
{
    using Event = nlohmann::json::parse_event_t;
    auto malformed = [](const std::string& problem) {
        return CheckpointError("malformed training history: " + problem);
    };
    // nlohmann dumps NaN and ±Inf as null: a history of a run that diverged holds nulls.
    auto number = [&malformed](const nlohmann::json& j, const char* what) {
        if (j.is_null())
            return std::numeric_limits<double>::quiet_NaN();
        if (!j.is_number())
            throw malformed(std::string(what) + " is " + detail::describeJson(j) +
                            ", expected a number");
        return j.get<double>();
    };
    auto integer = [&malformed]<typename T>(const nlohmann::json& j, const char* what, T& out) {
        if (!detail::integerValue(j, out))
            throw malformed(std::string(what) + " is " + detail::describeJson(j) +
                            ", expected an integer");
    };
    auto loss = [&number](const nlohmann::json& j) {
        LossTerms t;
        t.reconstruction = number(j.at("reconstruction"), "a reconstruction");
        t.kl = number(j.at("kl"), "a KL");
        t.elbo = number(j.at("elbo"), "an ELBO");
        return t;
    };

    TrainingHistory history;
    // Each record (a step, an epoch, a change: the values at depth 2) is converted as soon as it
    // is parsed and then dropped from the document, so memory holds the TrainingHistory, never a
    // parsed copy of the whole text: "[],[],…" costs ~20× its size as JSON values.
    constexpr int kMaxDepth = 4; // root → "epochs" → an epoch → "train" → a value
    constexpr std::size_t kMaxRecordValues = 64; // an epoch record has 24 keys and values
    constexpr std::size_t kMaxTopValues = 1024;  // keys and values outside the records
    std::string section;
    std::size_t recordValues = 0, topValues = 0;
    auto record = [&](const nlohmann::json& r) {
        if (section == "steps") {
            if (!r.is_array() || r.size() != 6)
                throw CheckpointError("a step record must be an array of 6 numbers");
            StepRecord s;
            integer(r[0], "a step number", s.step);
            s.epoch = number(r[1], "a step's epoch");
            s.loss.reconstruction = number(r[2], "a step's reconstruction");
            s.loss.kl = number(r[3], "a step's KL");
            s.loss.elbo = -(s.loss.reconstruction + s.loss.kl);
            s.beta = number(r[4], "a step's beta");
            s.learningRate = number(r[5], "a step's learning rate");
            history.steps.push_back(s);
        } else if (section == "epochs") {
            EpochSummary e;
            integer(r.at("epoch"), "an epoch number", e.epoch);
            e.fraction =
                r.contains("fraction") ? number(r.at("fraction"), "an epoch fraction") : 1.0;
            e.train = loss(r.at("train"));
            e.test = loss(r.at("test"));
            e.samplesPerSecond = number(r.at("samples_per_second"), "samples per second");
            e.seconds = number(r.at("seconds"), "an epoch's seconds");
            history.epochs.push_back(e);
        } else if (section == "changes") {
            SettingChange c;
            integer(r.at("step"), "a change's step", c.step);
            c.epoch = number(r.at("epoch"), "a change's epoch");
            c.setting = r.at("setting").get<std::string>();
            c.from = r.at("from").get<std::string>();
            c.to = r.at("to").get<std::string>();
            history.changes.push_back(std::move(c));
        }
    };
    const nlohmann::json::parser_callback_t callback = [&](int depth, Event event,
                                                           nlohmann::json& parsed) {
        const bool opens = event == Event::object_start || event == Event::array_start;
        const bool closes = event == Event::object_end || event == Event::array_end;
        // A container's start event reports its parent's depth.
        if (depth + (opens ? 1 : 0) > kMaxDepth)
            throw malformed("nested deeper than " + std::to_string(kMaxDepth) + " levels");
        if (depth <= 1 && !closes && ++topValues > kMaxTopValues)
            throw malformed("more than " + std::to_string(kMaxTopValues) + " top-level values");
        if (depth == 1 && event == Event::key)
            section = parsed.get<std::string>();
        else if (depth == 1 && (event == Event::value || event == Event::object_start) &&
                 (section == "steps" || section == "epochs" || section == "changes"))
            throw malformed("\"" + section + "\" must be an array");
        if (depth >= 2 && !closes && ++recordValues > kMaxRecordValues)
            throw malformed("a record holds more than " + std::to_string(kMaxRecordValues) +
                            " values");
        if (depth == 2 && (event == Event::value || closes)) {
            record(parsed);
            recordValues = 0;
            return false; // converted: drop it from the document
        }
        return true;
    };
    try {
        const nlohmann::json j = nlohmann::json::parse(text, callback);
        if (!j.is_object() || !j.contains("steps") || !j.contains("epochs"))
            throw malformed("expected an object with \"steps\" and \"epochs\"");
        // "changes" is absent in histories written before live changes were kept.
        return history;
    } catch (const nlohmann::json::exception& e) {
        throw malformed(e.what());
    }
}

} // namespace vae
