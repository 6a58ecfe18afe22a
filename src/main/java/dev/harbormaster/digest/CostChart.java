package dev.harbormaster.digest;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TimeZone;

/**
 * Daily cost per service as a PNG line chart (JFreeChart, drawn headless). The services costing most get a line
 * each, the rest one "other services" line, so a team of fifty services still reads at a glance.
 */
public final class CostChart {

    static final int WIDTH = 900;
    static final int HEIGHT = 420;
    static final int MAX_LINES = 6;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0x7f7f7f)};

    static {
        // No display in a container; without this AWT looks for one and fails.
        System.setProperty("java.awt.headless", "true");
    }

    private CostChart() {
    }

    /** The PNG bytes; empty days are drawn as zero only between days that have data. */
    public static byte[] png(String title, String currency, SortedMap<LocalDate, Map<String, BigDecimal>> dailyByService) {
        Map<String, BigDecimal> totals = new HashMap<>();
        dailyByService.values().forEach(day -> day.forEach((service, cost) -> totals.merge(service, cost, BigDecimal::add)));
        List<String> ranked = new ArrayList<>(totals.keySet());
        ranked.sort(Comparator.comparing((String s) -> totals.get(s)).reversed().thenComparing(Comparator.naturalOrder()));
        List<String> drawn = ranked.size() <= MAX_LINES ? ranked : ranked.subList(0, MAX_LINES - 1);
        boolean others = ranked.size() > drawn.size();

        TimeSeriesCollection dataset = new TimeSeriesCollection(TimeZone.getTimeZone("UTC"));
        Map<String, TimeSeries> series = new HashMap<>();
        for (String service : drawn) {
            series.put(service, new TimeSeries(service));
        }
        TimeSeries rest = new TimeSeries("other services (" + (ranked.size() - drawn.size()) + ")");
        for (Map.Entry<LocalDate, Map<String, BigDecimal>> day : dailyByService.entrySet()) {
            Day point = new Day(day.getKey().getDayOfMonth(), day.getKey().getMonthValue(), day.getKey().getYear());
            BigDecimal restOfDay = BigDecimal.ZERO;
            for (String service : ranked) {
                BigDecimal cost = day.getValue().getOrDefault(service, BigDecimal.ZERO);
                if (series.containsKey(service)) {
                    series.get(service).addOrUpdate(point, cost);
                } else {
                    restOfDay = restOfDay.add(cost);
                }
            }
            if (others) {
                rest.addOrUpdate(point, restOfDay);
            }
        }
        drawn.forEach(service -> dataset.addSeries(series.get(service)));
        if (others) {
            dataset.addSeries(rest);
        }

        JFreeChart chart = ChartFactory.createTimeSeriesChart(title, null, "Cost per day (" + currency + ")", dataset,
                true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        DateAxis axis = (DateAxis) plot.getDomainAxis();
        SimpleDateFormat format = new SimpleDateFormat("d MMM", java.util.Locale.ENGLISH);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        axis.setDateFormatOverride(format);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
