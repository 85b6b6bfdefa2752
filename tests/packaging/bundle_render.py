"""Run by test_bundle.py with the bundle's _internal first on sys.path and LD_LIBRARY_PATH, as the frozen
executables load them: the bundle's own Qt libraries, plugins and ICU data draw a Qt Charts bar chart with
Chinese labels, print it to a PDF through QPrinter (the receipt's path), write a report PDF through
QPdfWriter (the monthly report's path) and sort Chinese names with QCollator.

    python tests/packaging/bundle_render.py <bundle>/_internal <output dir>
"""

from __future__ import annotations

import sys
from pathlib import Path

internal, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
sys.path[:0] = [str(internal), str(internal / "python3.11" / "lib-dynload")]

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView  # noqa: E402
from PySide6.QtCore import QCollator, QLocale, QMarginsF, QSize, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

LABELS = ["账户", "银行卡", "贷款"]


def loaded_from_outside() -> list[str]:
    """Qt and ICU libraries this process mapped from outside the bundle (none is expected)."""
    maps = Path("/proc/self/maps").read_text(encoding="utf-8").splitlines()
    paths = {line.split(maxsplit=5)[-1] for line in maps if "/" in line}
    return sorted(
        path for path in paths if ("libQt6" in path or "libicu" in path) and str(internal) not in path
    )


def chart_image() -> QImage:
    bars = QBarSet("投诉")
    bars.append([12.0, 7.0, 3.0])
    series = QBarSeries()
    series.append(bars)
    chart = QChart()
    chart.setTitle("按类别统计")
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append(LABELS)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    view = QChartView(chart)
    view.resize(QSize(640, 360))
    view.show()
    QApplication.processEvents()
    return view.grab().toImage()


def bar_pixels(image: QImage) -> int:
    """Saturated pixels (every other row and column): the bars; background, axes and text are grey."""
    return sum(
        image.pixelColor(x, y).saturation() > 80
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
    )


def main() -> int:
    app = QApplication(["bundle-render"])
    image = chart_image()
    image.save(str(out / "chart.png"))
    print(f"chart pixels in colour: {bar_pixels(image)}")

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out / "printed.pdf"))
    painter = QPainter(printer)
    painter.drawImage(0, 0, image)
    painter.setPen(QColor("black"))
    painter.drawText(100, image.height() + 200, "受理回执 张三")
    painter.end()

    writer = QPdfWriter(str(out / "report.pdf"))
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF())
    )
    document = QTextDocument()
    document.setHtml("<h1>月度报告</h1><p>按类别统计：账户 12，银行卡 7，贷款 3</p>")
    document.print_(writer)

    collator = QCollator(QLocale("zh_CN"))
    print("sorted:", " ".join(sorted(["张三", "阿明", "李四"], key=collator.sortKey)))
    print("PySide6 from:", Path(sys.modules["PySide6"].__file__ or "").parent)
    print("outside the bundle:", loaded_from_outside())
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
