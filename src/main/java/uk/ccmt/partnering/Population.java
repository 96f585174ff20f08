package uk.ccmt.partnering;

import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import uk.ccmt.participant.Category;

/**
 * The organisations of one phase, by code, and the facts about them that every rule needs. Both the
 * matcher and the rule check read "who may pair with whom" and "does the population allow it" from
 * here, so the two can never disagree about them.
 *
 * <p>Who may pair: two different organisations that both take part, neither a GT, and not two iGTs
 * (an iGT is paired with a shipper). "The population allows 2 partners" for an organisation when at
 * least 2 others may pair with it by these rules alone, before any rejected pair is taken away.
 */
final class Population {

  static final Comparator<Pair> PAIR_ORDER = Comparator.comparing(Pair::a).thenComparing(Pair::b);

  private final NavigableMap<String, Organisation> byCode;
  private final List<Organisation> partnerable;
  private final Map<Category, Integer> counts = new EnumMap<>(Category.class);

  private Population(NavigableMap<String, Organisation> byCode) {
    this.byCode = byCode;
    this.partnerable = byCode.values().stream().filter(Population::isPartnerable).toList();
    for (Category category : Category.values()) {
      counts.put(
          category, (int) partnerable.stream().filter(o -> o.category() == category).count());
    }
  }

  static Population of(Collection<Organisation> organisations) {
    NavigableMap<String, Organisation> byCode = new TreeMap<>();
    for (Organisation organisation : organisations) {
      if (byCode.put(organisation.code(), organisation) != null) {
        throw new IllegalArgumentException(
            "organisation code " + organisation.code() + " is given more than once");
      }
    }
    return new Population(byCode);
  }

  Optional<Organisation> find(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** Every organisation, sorted by code. */
  Collection<Organisation> all() {
    return byCode.values();
  }

  /** Those that take part and are not GTs, sorted by code. */
  List<Organisation> partnerable() {
    return partnerable;
  }

  List<Organisation> partnerable(Category category) {
    return partnerable.stream().filter(o -> o.category() == category).toList();
  }

  /** How many organisations of the category take part. */
  int count(Category category) {
    return counts.get(category);
  }

  int shippers() {
    return count(Category.LARGE_SUPPLIER) + count(Category.I_AND_C) + count(Category.CHALLENGER);
  }

  static boolean isPartnerable(Organisation organisation) {
    return organisation.takesPart() && organisation.category() != Category.GT;
  }

  static boolean isShipper(Category category) {
    return category == Category.LARGE_SUPPLIER
        || category == Category.I_AND_C
        || category == Category.CHALLENGER;
  }

  static boolean mayPair(Organisation x, Organisation y) {
    return !x.code().equals(y.code())
        && isPartnerable(x)
        && isPartnerable(y)
        && !(x.category() == Category.IGT && y.category() == Category.IGT);
  }

  /** How many organisations may pair with this one by the rules alone. */
  int possiblePartners(Organisation organisation) {
    if (!isPartnerable(organisation)) {
      return 0;
    }
    return organisation.category() == Category.IGT
        ? shippers()
        : shippers() - 1 + count(Category.IGT);
  }

  boolean allowsTwoPartners(Organisation organisation) {
    return possiblePartners(organisation) >= 2;
  }

  /**
   * "No large supplier has 2 more challengers than another" means something only with 2 or more of
   * them.
   */
  boolean spreadApplies() {
    return count(Category.LARGE_SUPPLIER) >= 2;
  }

  /** 4 to 5 challengers each is possible only when there are between 4 and 5 per large supplier. */
  boolean fourToFiveApplies() {
    int largeSuppliers = count(Category.LARGE_SUPPLIER);
    int challengers = count(Category.CHALLENGER);
    return largeSuppliers >= 1
        && 4 * largeSuppliers <= challengers
        && challengers <= 5 * largeSuppliers;
  }

  boolean iAndCWithEachOtherApplies() {
    return count(Category.I_AND_C) >= 2;
  }

  /**
   * Regions are free text, so "North West" and "north west " are the same; no region matches
   * nothing.
   */
  static boolean sameRegion(Organisation x, Organisation y) {
    return x.region() != null
        && y.region() != null
        && !x.region().isBlank()
        && x.region().strip().equalsIgnoreCase(y.region().strip());
  }

  static String label(Category category) {
    return switch (category) {
      case LARGE_SUPPLIER -> "large supplier";
      case I_AND_C -> "I&C organisation";
      case CHALLENGER -> "challenger";
      case IGT -> "iGT";
      case GT -> "GT";
    };
  }

  /** "an iGT", "a GT". */
  static String withArticle(Category category) {
    return (category == Category.IGT || category == Category.I_AND_C ? "an " : "a ")
        + label(category);
  }

  /** "1 challenger", "3 challengers". */
  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** "A", "A and B", "A, B and C". */
  static String join(List<String> codes) {
    if (codes.size() <= 1) {
      return String.join("", codes);
    }
    return String.join(", ", codes.subList(0, codes.size() - 1))
        + " and "
        + codes.get(codes.size() - 1);
  }
}
