# Runnel's R site profile (R_PROFILE points here; it replaces Debian's Rprofile.site).
# Plots go to PNG files in the run's output folder, which Runnel collects as artifacts, so
# `plot(cars)` or a printed ggplot shows up without png(). The device is opened lazily: only a
# script that draws gets a file. R closes every device when it exits, which writes the last page.
local({
  out <- Sys.getenv("RUNNEL_OUTPUT", Sys.getenv("RUNNER_OUTPUT_DIR"))
  # Wide enough that a data frame's columns stay on one line in the notebook's output.
  options(width = 120L)
  if (nzchar(out) && !interactive()) {
    options(device = function(...) {
      dir.create(out, showWarnings = FALSE, recursive = TRUE)
      grDevices::png(
        file.path(out, "plot-%03d.png"),
        width = 7, height = 5, units = "in", res = 110, type = "cairo"
      )
    })
  }
})
