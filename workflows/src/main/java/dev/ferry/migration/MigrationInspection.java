package dev.ferry.migration;

import dev.ferry.plan.MigrationPlan;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a migration shows in the Temporal UI besides its history: typed search attributes, so that
 * operators can filter ("all migrations off host-a", "all that need attention"), a memo with the
 * request and then the plan, and one-line summaries. All Keyword attributes; a real cluster must
 * have them created first (see the README), the dev server creates them at start.
 */
public final class MigrationInspection {
  public static final SearchAttributeKey<String> VM = SearchAttributeKey.forKeyword("FerryVm");
  public static final SearchAttributeKey<String> SOURCE =
      SearchAttributeKey.forKeyword("FerrySource");
  public static final SearchAttributeKey<String> DESTINATION =
      SearchAttributeKey.forKeyword("FerryDestination");
  public static final SearchAttributeKey<String> PHASE =
      SearchAttributeKey.forKeyword("FerryPhase");
  public static final SearchAttributeKey<String> OUTCOME =
      SearchAttributeKey.forKeyword("FerryOutcome");
  public static final SearchAttributeKey<String> BATCH_ID =
      SearchAttributeKey.forKeyword("FerryBatchId");

  /** Every attribute, for registering them on a server. */
  public static final List<SearchAttributeKey<String>> ALL =
      List.of(VM, SOURCE, DESTINATION, PHASE, OUTCOME, BATCH_ID);

  private MigrationInspection() {}

  /** The attributes a migration starts with; phase and outcome are kept current by the workflow. */
  public static SearchAttributes atStart(MigrationRequest request) {
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(VM, request.vm())
            .set(DESTINATION, request.destination())
            .set(PHASE, Phase.CHECK.name());
    if (request.source() != null) {
      attributes.set(SOURCE, request.source());
    }
    if (request.batchId() != null) {
      attributes.set(BATCH_ID, request.batchId());
    }
    return attributes.build();
  }

  /** The memo a migration starts with: the request, before the check has made a plan. */
  public static Map<String, Object> memo(MigrationRequest request) {
    Map<String, Object> memo = new LinkedHashMap<>();
    memo.put("vm", request.vm());
    memo.put("source", request.source());
    memo.put("destination", request.destination());
    memo.put("mode", request.options().mode().name());
    memo.put("convergence", request.options().convergence().name());
    return Map.of("request", memo);
  }

  /** The plan, as the memo shows it once the check made it. */
  static Map<String, Object> planMemo(MigrationPlan plan) {
    Map<String, Object> memo = new LinkedHashMap<>();
    memo.put("vm", plan.vm());
    memo.put("source", plan.source());
    memo.put("destination", plan.destination());
    memo.put("destinationName", plan.destinationName());
    memo.put("live", plan.resolved().live());
    memo.put("flags", plan.resolved().flags().stream().map(Enum::name).toList());
    memo.put("disksToCopy", plan.resolved().disksToCopy());
    memo.put("memoryBytes", plan.memoryBytes());
    memo.put("convergence", plan.options().convergence().name());
    return Map.of("plan", memo);
  }

  /** The one line the Temporal UI shows for the workflow. */
  public static String summary(MigrationRequest request) {
    return "migrate "
        + request.vm()
        + (request.source() == null ? "" : " from " + request.source())
        + " to "
        + request.destination()
        + " ("
        + request.options().mode().name().toLowerCase(Locale.ROOT)
        + ", convergence "
        + request.options().convergence().name()
        + ")";
  }
}
