namespace TalentHub.Infrastructure.Data;

/// <summary>
/// The bodies of the statement-level triggers on <c>profiles</c> that keep the counting tables current in the writer's
/// own transaction (docs: README, Architecture, analytics). Each invocation adds the sign of every transition row
/// (+1 new, −1 old) of an ACTIVE profile to its cells, in the transaction's shard (<see cref="CounterShards"/>), rows in
/// key order so that concurrent writers of one shard lock counters in one order.
/// </summary>
public static class ProfileCountTriggers
{
    private const string Shard = "(txid_current() % 8)::smallint";

    /// <summary>The three trigger functions, each with the given counting statements.</summary>
    public static IEnumerable<string> Functions(bool withRollups) =>
    [
        Function("profiles_counts_on_insert", "SELECT *, 1 AS sign FROM new_rows", withRollups),
        Function("profiles_counts_on_update", "SELECT *, -1 AS sign FROM old_rows UNION ALL SELECT *, 1 AS sign FROM new_rows", withRollups),
        Function("profiles_counts_on_delete", "SELECT *, -1 AS sign FROM old_rows", withRollups),
    ];

    /// <summary>The rollups computed from the cells already counted (a migration's backfill, into the folded shard).</summary>
    public static string BackfillRollups => $"""
        INSERT INTO competency_rollup_counts (rollup, group_code, position_level, competency_code, shard, level1, level2, level3, level4, level5)
        SELECT g.rollup, g.group_code, c.position_level, c.competency_code, {CounterShards.Folded}, {LevelSums("c.level", "c.people")}
        FROM competency_level_counts c
        CROSS JOIN LATERAL (VALUES {RollupDimensions("c.agency_code", "c.province_code", "c.method")}) AS g(rollup, group_code)
        GROUP BY 1, 2, 3, 4 HAVING {AnyLevel("c.level", "c.people")};
        """;

    private static string Function(string name, string source, bool withRollups) => $"""
        CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            INSERT INTO nine_box_counts AS n (agency_code, province_code, position_level, box, unplaced, shard, people)
            SELECT coalesce(r.employing_agency, ''), coalesce(r.work_province, ''), coalesce(r.position_level, ''), coalesce(r.box, 0),
                   array_to_string(r.unplaced_reasons, ','), {Shard}, sum(r.sign)
            FROM ({source}) r
            WHERE r.status = 'ACTIVE'
            GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.sign) <> 0 ORDER BY 1, 2, 3, 4, 5
            ON CONFLICT (agency_code, province_code, position_level, box, unplaced, shard) DO UPDATE SET people = n.people + excluded.people;
            INSERT INTO competency_level_counts AS c (agency_code, province_code, position_level, competency_code, method, level, shard, people)
            SELECT coalesce(r.employing_agency, ''), coalesce(r.work_province, ''), r.position_level, l.key, l.value->>'method',
                   (l.value->>'level')::int, {Shard}, sum(r.sign)
            FROM ({source}) r CROSS JOIN LATERAL jsonb_each(r.analytics->'levels') AS l
            WHERE r.status = 'ACTIVE' AND r.position_level IS NOT NULL
            GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(r.sign) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
            ON CONFLICT (agency_code, province_code, position_level, competency_code, method, level, shard) DO UPDATE SET people = c.people + excluded.people;
        {(withRollups ? RollupStatement(source) : "")}
            RETURN NULL;
        END
        $fn$;
        """;

    private static string RollupStatement(string source) => $"""
            INSERT INTO competency_rollup_counts AS c (rollup, group_code, position_level, competency_code, shard, level1, level2, level3, level4, level5)
            SELECT g.rollup, g.group_code, x.position_level, x.competency_code, {Shard}, {LevelSums("x.level", "x.sign")}
            FROM (SELECT coalesce(r.employing_agency, '') AS agency, coalesce(r.work_province, '') AS province, r.position_level,
                         l.key AS competency_code, l.value->>'method' AS method, (l.value->>'level')::int AS level, r.sign
                  FROM ({source}) r CROSS JOIN LATERAL jsonb_each(r.analytics->'levels') AS l
                  WHERE r.status = 'ACTIVE' AND r.position_level IS NOT NULL) x
            CROSS JOIN LATERAL (VALUES {RollupDimensions("x.agency", "x.province", "x.method")}) AS g(rollup, group_code)
            GROUP BY 1, 2, 3, 4 HAVING {AnyLevel("x.level", "x.sign")} ORDER BY 1, 2, 3, 4
            ON CONFLICT (rollup, group_code, position_level, competency_code, shard) DO UPDATE SET
                level1 = c.level1 + excluded.level1, level2 = c.level2 + excluded.level2, level3 = c.level3 + excluded.level3,
                level4 = c.level4 + excluded.level4, level5 = c.level5 + excluded.level5;

        """;

    private static string RollupDimensions(string agency, string province, string method) =>
        $"('{CompetencyRollups.Agency}', {agency}), ('{CompetencyRollups.Province}', {province}), ('{CompetencyRollups.Method}', {method})";

    private static string LevelSums(string level, string people) =>
        string.Join(", ", Enumerable.Range(1, 5).Select(l => $"coalesce(sum({people}) FILTER (WHERE {level} = {l}), 0)::bigint"));

    private static string AnyLevel(string level, string people) =>
        string.Join(" OR ", Enumerable.Range(1, 5).Select(l => $"coalesce(sum({people}) FILTER (WHERE {level} = {l}), 0) <> 0"));
}
