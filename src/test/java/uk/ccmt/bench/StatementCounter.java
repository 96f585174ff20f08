package uk.ccmt.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * P6: counts the SQL statements the application sends while counting is on, split into the engine's
 * (any statement naming an ACT_ table) and the product's (everything else). A batch counts once per
 * statement text, as the driver sends it once. Installed only by the bench, as a BeanPostProcessor
 * that wraps the DataSource bean with datasource-proxy.
 */
final class StatementCounter implements QueryExecutionListener {

  private static final Pattern ENGINE = Pattern.compile("(?i)\\bACT_[A-Z_]+");
  private static final Pattern LITERALS =
      Pattern.compile("'(?:[^']|'')*'|\\b\\d+\\b|\\?(?:\\s*,\\s*\\?)+");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private volatile boolean counting;
  private final Map<String, LongAdder> engine = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> product = new ConcurrentHashMap<>();

  /** Wraps every DataSource bean in a proxy reporting to this counter. */
  BeanPostProcessor wrapper() {
    StatementCounter counter = this;
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource
            && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
          return ProxyDataSourceBuilder.create(dataSource).name("bench").listener(counter).build();
        }
        return bean;
      }
    };
  }

  void start() {
    engine.clear();
    product.clear();
    counting = true;
  }

  void stop() {
    counting = false;
  }

  @Override
  public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {}

  @Override
  public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
    if (!counting) {
      return;
    }
    for (QueryInfo query : queryInfoList) {
      String sql = query.getQuery();
      (ENGINE.matcher(sql).find() ? engine : product)
          .computeIfAbsent(normalise(sql), key -> new LongAdder())
          .increment();
    }
  }

  static String normalise(String sql) {
    String flat = SPACE.matcher(sql).replaceAll(" ").strip();
    flat = LITERALS.matcher(flat).replaceAll("?");
    flat = flat.toLowerCase(Locale.ROOT);
    return flat.length() > 110 ? flat.substring(0, 107) + "..." : flat;
  }

  long engineTotal() {
    return total(engine);
  }

  long productTotal() {
    return total(product);
  }

  Map<String, Long> topEngine(int n) {
    return top(engine, n);
  }

  Map<String, Long> topProduct(int n) {
    return top(product, n);
  }

  private static long total(Map<String, LongAdder> counts) {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  private static Map<String, Long> top(Map<String, LongAdder> counts, int n) {
    return counts.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
        .limit(n)
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().sum(), (a, b) -> a, LinkedHashMap::new));
  }
}
