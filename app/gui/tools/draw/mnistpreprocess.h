#pragma once

#include <span>
#include <vector>

namespace vae::gui {

/// Side of an MNIST image, and of the box its digit is scaled to fit (LeCun et al. 1998).
inline constexpr int kMnistSide = 28;
inline constexpr int kMnistDigitBox = 20;
/// Where MNIST puts a digit's centre of mass, in pixel-index coordinates (pixel (row r, column c)
/// at (x, y) = (c, r)): every one of the 10,000 test digits has it within half a pixel of (14, 14)
/// (measured: x and y in [13.5, 14.5]), i.e. at the field's centre 13.5 plus half a pixel —
/// MNIST's centring rounded that way. We follow the data the model learned from.
inline constexpr double kMnistCentre = 14.0;

/// Turns any grayscale picture of a digit into an MNIST-style 28×28 image, the way MNIST itself was
/// made (LeCun et al., "Gradient-based learning applied to document recognition", 1998):
///
/// 1. polarity: if the picture's border is light on average (> 0.5), it is inverted, so ink is
///    bright on black as in MNIST;
/// 2. contrast: the border's median grey becomes 0 and the brightest pixel 1 (paper, scanner and
///    JPEG noise below the background level are dropped);
/// 3. the ink's bounding box (pixels above `inkThreshold` after step 2) is cropped and scaled with
///    area averaging (anti-aliased) to fit 20×20, keeping the aspect ratio; the result is
///    stretched again so its brightest pixel is 1 (a thin stroke in a big photo would otherwise
///    turn faint grey);
/// 4. it is placed in 28×28 so that its grey-level centre of mass lies within half a pixel of
///    (kMnistCentre, kMnistCentre) = (14, 14) in pixel-index coordinates, where MNIST's digits have
///    it. The shift is a whole number of pixels, as in MNIST (no resampling blur).
///
/// `grey` holds width × height values in [0, 1], row-major, either polarity. Returns 784 values in
/// [0, 1], row-major; all zeros when there is no ink (a blank or uniform picture).
[[nodiscard]] std::vector<float> toMnistStyle(std::span<const float> grey, int width, int height,
                                              float inkThreshold = 0.05f);

/// The grey-level centre of mass (x, y) of a width × height image in the convention above; the
/// image centre when it has no ink.
struct CentreOfMass {
    double x = 0;
    double y = 0;
};
[[nodiscard]] CentreOfMass centreOfMass(std::span<const float> pixels, int width, int height);

/// The bounding box of the pixels above `threshold`: an empty box (width 0) when there are none.
struct InkBox {
    int left = 0;
    int top = 0;
    int width = 0;
    int height = 0;
};
[[nodiscard]] InkBox inkBoundingBox(std::span<const float> pixels, int width, int height,
                                    float threshold);

/// Area-averaging resampling of a width × height image to newWidth × newHeight: every output pixel
/// is the mean of the input area it covers (a box filter, exact for any ratio).
[[nodiscard]] std::vector<float> resampleArea(std::span<const float> pixels, int width, int height,
                                              int newWidth, int newHeight);

} // namespace vae::gui
