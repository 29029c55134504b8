#include "vae/metrics.h"
#include "vae/errors.h"

#include <nlohmann/json.hpp>

namespace vae {
namespace {

nlohmann::json toJson(const LossTerms& t)
{
    return {{"reconstruction", t.reconstruction}, {"kl", t.kl}, {"elbo", t.elbo}};
}

LossTerms lossFromJson(const nlohmann::json& j)
{
    LossTerms t;
    t.reconstruction = j.at("reconstruction").get<double>();
    t.kl = j.at("kl").get<double>();
    t.elbo = j.at("elbo").get<double>();
    return t;
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
                        const std::optional<LossTerms>& test)
{
    nlohmann::json j;
    j["config"] = nlohmann::json::parse(config.toJson());
    j["epochs"] = nlohmann::json::array();
    for (const EpochSummary& e : epochs)
        j["epochs"].push_back(toJson(e));
    if (test)
        j["test"] = toJson(*test);
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
    try {
        const nlohmann::json j = nlohmann::json::parse(text);
        TrainingHistory history;
        for (const auto& s : j.at("steps")) {
            if (!s.is_array() || s.size() != 6)
                throw CheckpointError("a step record must be an array of 6 numbers");
            StepRecord r;
            r.step = s[0].get<std::int64_t>();
            r.epoch = s[1].get<double>();
            r.loss.reconstruction = s[2].get<double>();
            r.loss.kl = s[3].get<double>();
            r.loss.elbo = -(r.loss.reconstruction + r.loss.kl);
            r.beta = s[4].get<double>();
            r.learningRate = s[5].get<double>();
            history.steps.push_back(r);
        }
        for (const auto& e : j.at("epochs")) {
            EpochSummary s;
            s.epoch = e.at("epoch").get<int>();
            s.fraction = e.value("fraction", 1.0);
            s.train = lossFromJson(e.at("train"));
            s.test = lossFromJson(e.at("test"));
            s.samplesPerSecond = e.at("samples_per_second").get<double>();
            s.seconds = e.at("seconds").get<double>();
            history.epochs.push_back(s);
        }
        if (j.contains("changes")) // absent in histories written before live changes were kept
            for (const auto& c : j.at("changes")) {
                SettingChange change;
                change.step = c.at("step").get<std::int64_t>();
                change.epoch = c.at("epoch").get<double>();
                change.setting = c.at("setting").get<std::string>();
                change.from = c.at("from").get<std::string>();
                change.to = c.at("to").get<std::string>();
                history.changes.push_back(std::move(change));
            }
        return history;
    } catch (const nlohmann::json::exception& e) {
        throw CheckpointError(std::string("malformed training history: ") + e.what());
    }
}

} // namespace vae
