package uk.ccmt.partnering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import uk.ccmt.participant.Category;

/**
 * Small named factories for partnering tests, and the facts the tests check proposals against,
 * worked out here from the rules as the issue states them rather than borrowed from the code under
 * test.
 */
final class Organisations {

  private Organisations() {}

  static Organisation largeSupplier(String code, String region) {
    return new Organisation(code, Category.LARGE_SUPPLIER, region, true);
  }

  static Organisation challenger(String code, String region) {
    return new Organisation(code, Category.CHALLENGER, region, true);
  }

  static Organisation iAndC(String code, String region) {
    return new Organisation(code, Category.I_AND_C, region, true);
  }

  static Organisation igt(String code, String region) {
    return new Organisation(code, Category.IGT, region, true);
  }

  static Organisation gt(String code) {
    return new Organisation(code, Category.GT, "National", true);
  }

  static Organisation notTakingPart(String code, Category category) {
    return new Organisation(code, category, "London", false);
  }

  /** LS1..LSn, CH01..CHnn and so on, in the given regions in turn. */
  static List<Organisation> numbered(
      Category category, String prefix, int count, String... regions) {
    List<Organisation> organisations = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      organisations.add(
          new Organisation(
              String.format("%s%02d", prefix, i),
              category,
              regions.length == 0 ? null : regions[(i - 1) % regions.length],
              true));
    }
    return organisations;
  }

  static boolean isShipper(Category category) {
    return category == Category.LARGE_SUPPLIER
        || category == Category.I_AND_C
        || category == Category.CHALLENGER;
  }

  /** Both take part, neither is a GT, and an iGT only with a shipper. */
  static boolean mayPair(Organisation x, Organisation y) {
    if (x.code().equals(y.code()) || !x.takesPart() || !y.takesPart()) {
      return false;
    }
    if (x.category() == Category.GT || y.category() == Category.GT) {
      return false;
    }
    return isShipper(x.category()) || isShipper(y.category());
  }

  static Map<String, SortedSet<String>> partners(List<Pair> pairs) {
    Map<String, SortedSet<String>> partners = new TreeMap<>();
    for (Pair pair : pairs) {
      partners.computeIfAbsent(pair.a(), code -> new TreeSet<>()).add(pair.b());
      partners.computeIfAbsent(pair.b(), code -> new TreeSet<>()).add(pair.a());
    }
    return partners;
  }

  static SortedSet<String> partnersOf(Proposal proposal, String code) {
    return partners(proposal.asPairs()).getOrDefault(code, new TreeSet<>());
  }

  /** Each large supplier taking part, and how many challengers taking part it is paired with. */
  static Map<String, Integer> challengersPerLargeSupplier(
      List<Organisation> organisations, List<Pair> pairs) {
    Map<String, Organisation> byCode = new TreeMap<>();
    organisations.forEach(o -> byCode.put(o.code(), o));
    Map<String, SortedSet<String>> partners = partners(pairs);
    Map<String, Integer> counts = new TreeMap<>();
    organisations.stream()
        .filter(o -> o.takesPart() && o.category() == Category.LARGE_SUPPLIER)
        .forEach(
            ls ->
                counts.put(
                    ls.code(),
                    (int)
                        partners.getOrDefault(ls.code(), new TreeSet<>()).stream()
                            .map(byCode::get)
                            .filter(o -> o.takesPart() && o.category() == Category.CHALLENGER)
                            .count()));
    return counts;
  }

  static long taking(List<Organisation> organisations, Category category) {
    return organisations.stream().filter(o -> o.takesPart() && o.category() == category).count();
  }

  static List<Organisation> concat(List<List<Organisation>> parts) {
    return parts.stream().flatMap(List::stream).toList();
  }
}
