#include "vae/data_description.h"
#include "json_limits.h"
#include "vae/errors.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace vae {
namespace {

constexpr int kMaxSide = 65536;
constexpr std::size_t kMaxClasses = 100000; // a label column with more is not a class label
// A table's columns: one side of an example, so kMaxSide; each has a name, a mean and a scale.
constexpr std::size_t kMaxFeatures = kMaxSide;

void checkMultiple(std::size_t size, int inputSize, const char* function)
{
    if (inputSize <= 0 || size % std::size_t(inputSize) != 0)
        throw std::invalid_argument(std::string(function) + ": " + std::to_string(size) +
                                    " values is not a whole number of examples of " +
                                    std::to_string(inputSize) + " values");
}

} // namespace

std::string_view valueKindName(ValueKind kind)
{
    switch (kind) {
    case ValueKind::Binary:
        return "binary";
    case ValueKind::UnitInterval:
        return "unit-interval";
    case ValueKind::Real:
        return "real";
    }
    return "unit-interval";
}

ValueKind parseValueKind(std::string_view name)
{
    for (ValueKind kind : {ValueKind::Binary, ValueKind::UnitInterval, ValueKind::Real})
        if (valueKindName(kind) == name)
            return kind;
    throw DataError("unknown value kind \"" + std::string(name) +
                    "\": expected \"binary\", \"unit-interval\" or \"real\"");
}

std::string DataDescription::className(int label) const
{
    return label >= 0 && label < classCount() ? classNames[std::size_t(label)]
                                              : std::to_string(label);
}

void DataDescription::toOriginalUnits(std::span<float> values) const
{
    if (!standardised())
        return;
    checkMultiple(values.size(), inputSize(), "toOriginalUnits");
    const std::size_t n = featureScale.size();
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = values[i] * featureScale[i % n] + featureMean[i % n];
}

void DataDescription::toStandardUnits(std::span<float> values) const
{
    if (!standardised())
        return;
    checkMultiple(values.size(), inputSize(), "toStandardUnits");
    const std::size_t n = featureScale.size();
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = (values[i] - featureMean[i % n]) / featureScale[i % n];
}

DataDescription DataDescription::mnist()
{
    DataDescription d;
    d.name = "MNIST";
    d.source = "mnist";
    d.height = 28;
    d.width = 28;
    d.channels = 1;
    d.values = ValueKind::UnitInterval;
    for (int digit = 0; digit < 10; ++digit)
        d.classNames.push_back(std::to_string(digit));
    return d;
}

std::string DataDescription::toJson() const
{
    nlohmann::json j = {
        {"name", name},
        {"source", source},
        {"height", height},
        {"width", width},
        {"channels", channels},
        {"values", std::string(valueKindName(values))},
        {"class_names", classNames},
        {"dynamic_binarization", dynamicBinarization},
    };
    // Only data with known factors (shapes) and tables have these: other datasets' JSON stays as
    // it was before they existed.
    if (!factorNames.empty()) {
        j["factor_names"] = factorNames;
        j["factor_sizes"] = factorSizes;
    }
    if (!featureNames.empty())
        j["feature_names"] = featureNames;
    if (!featureMean.empty())
        j["feature_mean"] = featureMean;
    if (!featureScale.empty())
        j["feature_scale"] = featureScale;
    // The name and the source come from a file name, which on Linux may be any bytes: invalid
    // UTF-8 is written as U+FFFD instead of throwing (nlohmann's default), which would lose the
    // checkpoint being saved. (Feature and class names are checked as UTF-8 when read.)
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

DataDescription DataDescription::fromJson(std::string_view text)
{
    nlohmann::json j;
    try {
        j = detail::parseBounded(text, {.maxDepth = 2, .maxValues = kMaxClasses + 3 * kMaxFeatures + 64});
    } catch (const nlohmann::json::exception& e) {
        throw DataError(std::string("data description is not valid JSON: ") + e.what());
    } catch (const detail::JsonLimitError& e) {
        throw DataError(std::string("data description JSON is too large: ") + e.what());
    }
    if (!j.is_object())
        throw DataError("data description JSON must be an object");
    auto bad = [](const char* key, const nlohmann::json& value) {
        return DataError(std::string("data description key \"") + key +
                         "\" has the wrong type or is out of range: " + detail::describeJson(value));
    };
    DataDescription d;
    auto readText = [&](const char* key, std::string& out) {
        if (!j.contains(key))
            return;
        if (!j.at(key).is_string())
            throw bad(key, j.at(key));
        out = j.at(key).get<std::string>();
    };
    auto side = [&](const char* key, int& out, int low, int high) {
        if (!j.contains(key))
            throw DataError(std::string("data description lacks \"") + key + "\"");
        if (!detail::integerValue(j.at(key), out) || out < low || out > high)
            throw bad(key, j.at(key));
    };
    readText("name", d.name);
    readText("source", d.source);
    side("height", d.height, 1, kMaxSide);
    side("width", d.width, 1, kMaxSide);
    side("channels", d.channels, 1, 4);
    if (d.channels == 2)
        throw bad("channels", j.at("channels"));
    if (std::int64_t(d.height) * d.width * d.channels > std::numeric_limits<int>::max())
        throw DataError("data description: " + std::to_string(d.height) + "×" +
                        std::to_string(d.width) + "×" + std::to_string(d.channels) +
                        " values per example is more than supported");
    if (j.contains("values")) {
        if (!j.at("values").is_string())
            throw bad("values", j.at("values"));
        d.values = parseValueKind(j.at("values").get<std::string>());
    }
    if (j.contains("class_names")) {
        const nlohmann::json& names = j.at("class_names");
        if (!names.is_array() || names.size() > kMaxClasses)
            throw bad("class_names", names);
        for (const nlohmann::json& name : names) {
            if (!name.is_string())
                throw bad("class_names", name);
            d.classNames.push_back(name.get<std::string>());
        }
    }
    if (j.contains("dynamic_binarization")) {
        if (!j.at("dynamic_binarization").is_boolean())
            throw bad("dynamic_binarization", j.at("dynamic_binarization"));
        d.dynamicBinarization = j.at("dynamic_binarization").get<bool>();
    }
    constexpr std::size_t kMaxFactors = 16;
    if (j.contains("factor_names")) {
        const nlohmann::json& names = j.at("factor_names");
        if (!names.is_array() || names.size() > kMaxFactors)
            throw bad("factor_names", names);
        for (const nlohmann::json& name : names) {
            if (!name.is_string())
                throw bad("factor_names", name);
            d.factorNames.push_back(name.get<std::string>());
        }
    }
    if (j.contains("factor_sizes")) {
        const nlohmann::json& sizes = j.at("factor_sizes");
        if (!sizes.is_array() || sizes.size() > kMaxFactors)
            throw bad("factor_sizes", sizes);
        for (const nlohmann::json& size : sizes) {
            int value = 0;
            if (!detail::integerValue(size, value) || value < 1 || value > 256)
                throw bad("factor_sizes", size);
            d.factorSizes.push_back(value);
        }
    }
    if (d.factorSizes.size() != d.factorNames.size())
        throw DataError("data description: " + std::to_string(d.factorNames.size()) +
                        " factor names but " + std::to_string(d.factorSizes.size()) +
                        " factor sizes");
    auto features = [&](const char* key, auto& out, auto valid) {
        if (!j.contains(key))
            return;
        const nlohmann::json& list = j.at(key);
        if (!list.is_array() || list.size() > kMaxFeatures ||
            list.size() != std::size_t(d.inputSize()))
            throw DataError(std::string("data description key \"") + key + "\" must be a list of " +
                            std::to_string(d.inputSize()) + " values (one per feature), found " +
                            detail::describeJson(list));
        for (const nlohmann::json& item : list)
            if (!valid(item))
                throw bad(key, item);
        using Item = typename std::decay_t<decltype(out)>::value_type;
        for (const nlohmann::json& item : list)
            out.push_back(item.template get<Item>());
    };
    features("feature_names", d.featureNames,
             [](const nlohmann::json& v) { return v.is_string(); });
    auto finiteFloat = [](const nlohmann::json& v) {
        return v.is_number() && std::isfinite(v.get<double>()) &&
               std::abs(v.get<double>()) <= std::numeric_limits<float>::max();
    };
    features("feature_mean", d.featureMean, finiteFloat);
    features("feature_scale", d.featureScale,
             [&](const nlohmann::json& v) { return finiteFloat(v) && float(v.get<double>()) > 0.0f; });
    if (d.featureMean.size() != d.featureScale.size())
        throw DataError("data description: \"feature_mean\" and \"feature_scale\" must be given "
                        "together");
    return d;
}

} // namespace vae
