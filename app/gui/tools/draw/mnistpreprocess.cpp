#include "tools/draw/mnistpreprocess.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>

namespace vae::gui {

namespace {

float at(std::span<const float> pixels, int width, int x, int y)
{
    return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                  static_cast<std::size_t>(x)];
}

std::vector<float> borderValues(std::span<const float> grey, int width, int height)
{
    std::vector<float> border;
    border.reserve(static_cast<std::size_t>(2 * (width + height)));
    for (int x = 0; x < width; ++x) {
        border.push_back(at(grey, width, x, 0));
        if (height > 1)
            border.push_back(at(grey, width, x, height - 1));
    }
    for (int y = 1; y + 1 < height; ++y) {
        border.push_back(at(grey, width, 0, y));
        if (width > 1)
            border.push_back(at(grey, width, width - 1, y));
    }
    return border;
}

/// Length of the overlap of [a0, a1) and [b0, b1).
double overlap(double a0, double a1, double b0, double b1)
{
    return std::max(0.0, std::min(a1, b1) - std::max(a0, b0));
}

} // namespace

CentreOfMass centreOfMass(std::span<const float> pixels, int width, int height)
{
    double sum = 0, sx = 0, sy = 0;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const double v = at(pixels, width, x, y);
            sum += v;
            sx += v * x;
            sy += v * y;
        }
    }
    if (sum <= 0)
        return {(width - 1) / 2.0, (height - 1) / 2.0};
    return {sx / sum, sy / sum};
}

InkBox inkBoundingBox(std::span<const float> pixels, int width, int height, float threshold)
{
    int left = width, right = -1, top = height, bottom = -1;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            if (at(pixels, width, x, y) > threshold) {
                left = std::min(left, x);
                right = std::max(right, x);
                top = std::min(top, y);
                bottom = std::max(bottom, y);
            }
        }
    }
    if (right < 0)
        return {};
    return {left, top, right - left + 1, bottom - top + 1};
}

std::vector<float> resampleArea(std::span<const float> pixels, int width, int height, int newWidth,
                                int newHeight)
{
    if (width <= 0 || height <= 0 || newWidth <= 0 || newHeight <= 0 ||
        pixels.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height))
        throw std::invalid_argument("resampleArea: bad sizes");
    // Separable box filter: columns first, then rows. Each output pixel covers sx × sy input
    // pixels (fractions at its edges count by area).
    const double sx = double(width) / newWidth;
    const double sy = double(height) / newHeight;
    std::vector<float> columns(static_cast<std::size_t>(newWidth) * height, 0.0f);
    for (int ox = 0; ox < newWidth; ++ox) {
        const double x0 = ox * sx, x1 = (ox + 1) * sx;
        for (int x = static_cast<int>(std::floor(x0)); x < std::min(width, int(std::ceil(x1)));
             ++x) {
            const double w = overlap(x0, x1, x, x + 1) / sx;
            if (w <= 0)
                continue;
            for (int y = 0; y < height; ++y)
                columns[static_cast<std::size_t>(y) * newWidth + ox] +=
                    static_cast<float>(w * at(pixels, width, x, y));
        }
    }
    std::vector<float> out(static_cast<std::size_t>(newWidth) * newHeight, 0.0f);
    for (int oy = 0; oy < newHeight; ++oy) {
        const double y0 = oy * sy, y1 = (oy + 1) * sy;
        for (int y = static_cast<int>(std::floor(y0)); y < std::min(height, int(std::ceil(y1)));
             ++y) {
            const double w = overlap(y0, y1, y, y + 1) / sy;
            if (w <= 0)
                continue;
            for (int ox = 0; ox < newWidth; ++ox)
                out[static_cast<std::size_t>(oy) * newWidth + ox] +=
                    static_cast<float>(w * columns[static_cast<std::size_t>(y) * newWidth + ox]);
        }
    }
    return out;
}

std::vector<float> toMnistStyle(std::span<const float> grey, int width, int height,
                                float inkThreshold)
{
    std::vector<float> result(static_cast<std::size_t>(kMnistSide * kMnistSide), 0.0f);
    if (width <= 0 || height <= 0 ||
        grey.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height))
        throw std::invalid_argument("toMnistStyle: the buffer does not hold width × height values");

    // 1. Polarity, judged by the border: a digit rarely touches all four edges.
    std::vector<float> border = borderValues(grey, width, height);
    double borderMean = 0;
    for (const float v : border)
        borderMean += v;
    borderMean /= double(border.size());
    const bool invert = borderMean > 0.5;
    std::vector<float> ink(grey.begin(), grey.end());
    if (invert) {
        for (float& v : ink)
            v = 1.0f - v;
        for (float& v : border)
            v = 1.0f - v;
    }

    // 2. Contrast: background (border median) → 0, brightest → 1.
    std::nth_element(border.begin(), border.begin() + std::ptrdiff_t(border.size() / 2),
                     border.end());
    const float background = border[border.size() / 2];
    const float peak = *std::max_element(ink.begin(), ink.end());
    if (peak - background < 1e-3f)
        return result;
    for (float& v : ink)
        v = std::clamp((v - background) / (peak - background), 0.0f, 1.0f);

    // 3. Crop to the ink and scale its longer side to 20 pixels.
    const InkBox box = inkBoundingBox(ink, width, height, inkThreshold);
    if (box.width == 0)
        return result;
    std::vector<float> crop(static_cast<std::size_t>(box.width) * box.height);
    for (int y = 0; y < box.height; ++y)
        for (int x = 0; x < box.width; ++x)
            crop[static_cast<std::size_t>(y) * box.width + x] =
                at(ink, width, box.left + x, box.top + y);
    const double scale = double(kMnistDigitBox) / std::max(box.width, box.height);
    const int newWidth = std::clamp(int(std::lround(box.width * scale)), 1, kMnistDigitBox);
    const int newHeight = std::clamp(int(std::lround(box.height * scale)), 1, kMnistDigitBox);
    std::vector<float> digit = resampleArea(crop, box.width, box.height, newWidth, newHeight);
    const float digitPeak = *std::max_element(digit.begin(), digit.end());
    if (digitPeak <= 0)
        return result;
    for (float& v : digit)
        v = std::min(1.0f, v / digitPeak);

    // 4. Whole-pixel shift that brings the centre of mass nearest to (13.5, 13.5).
    const CentreOfMass com = centreOfMass(digit, newWidth, newHeight);
    const double centre = kMnistCentre;
    // Offsets are k + 0.5 away from a whole number only when the centre of mass sits exactly
    // between two pixels; rounding either way is then within 0.5.
    const int offsetX = static_cast<int>(std::lround(centre - com.x));
    const int offsetY = static_cast<int>(std::lround(centre - com.y));
    for (int y = 0; y < newHeight; ++y) {
        const int ty = y + offsetY;
        if (ty < 0 || ty >= kMnistSide)
            continue;
        for (int x = 0; x < newWidth; ++x) {
            const int tx = x + offsetX;
            if (tx < 0 || tx >= kMnistSide)
                continue;
            result[static_cast<std::size_t>(ty) * kMnistSide + tx] =
                digit[static_cast<std::size_t>(y) * newWidth + x];
        }
    }
    return result;
}

} // namespace vae::gui
