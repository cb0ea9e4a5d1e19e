package dev.cruddur.ops.rds;

import java.util.List;
import software.amazon.awssdk.services.rds.RdsClient;

/** The engine versions RDS offers in a region, read across every page of the answer. */
final class EngineVersions {

    private EngineVersions() {
    }

    static List<EngineVersion> offered(RdsClient rds, String engine) {
        return rds.describeDBEngineVersionsPaginator(request -> request.engine(engine)).dbEngineVersions().stream()
                .map(v -> new EngineVersion(v.engine(), v.engineVersion(), v.dbParameterGroupFamily(),
                        v.dbEngineVersionDescription()))
                .sorted(EngineVersion.OLDEST_FIRST)
                .toList();
    }
}
