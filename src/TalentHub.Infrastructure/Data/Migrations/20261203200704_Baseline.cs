using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TalentHub.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "change_feed",
                columns: table => new
                {
                    seq = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    nip = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_change_feed", x => x.seq);
                });

            migrationBuilder.CreateTable(
                name: "chunk_commits",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    job = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    chunk = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    worker = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    committed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chunk_commits", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "competencies",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    group = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_en = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    family = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    family_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    aliases = table.Column<string[]>(type: "text[]", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_competencies", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "competency_level_counts",
                columns: table => new
                {
                    agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    province_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    position_level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    competency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    shard = table.Column<short>(type: "smallint", nullable: false),
                    people = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_competency_level_counts", x => new { x.agency_code, x.province_code, x.position_level, x.competency_code, x.method, x.level, x.shard });
                });

            migrationBuilder.CreateTable(
                name: "competency_levels",
                columns: table => new
                {
                    level = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    meaning = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_competency_levels", x => x.level);
                });

            migrationBuilder.CreateTable(
                name: "competency_rollup_counts",
                columns: table => new
                {
                    rollup = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    group_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    position_level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    competency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    shard = table.Column<short>(type: "smallint", nullable: false),
                    level1 = table.Column<long>(type: "bigint", nullable: false),
                    level2 = table.Column<long>(type: "bigint", nullable: false),
                    level3 = table.Column<long>(type: "bigint", nullable: false),
                    level4 = table.Column<long>(type: "bigint", nullable: false),
                    level5 = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_competency_rollup_counts", x => new { x.rollup, x.group_code, x.position_level, x.competency_code, x.shard });
                });

            migrationBuilder.CreateTable(
                name: "conflicts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    nip = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    year = table.Column<int>(type: "integer", nullable: true),
                    candidates = table.Column<string>(type: "text", nullable: false),
                    scope = table.Column<string>(type: "character varying(65)", maxLength: 65, nullable: true),
                    evidence = table.Column<string[]>(type: "text[]", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_id = table.Column<Guid>(type: "uuid", nullable: true),
                    resolved_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conflicts", x => new { x.id, x.nip });
                });

            migrationBuilder.CreateTable(
                name: "export_chunks",
                columns: table => new
                {
                    export_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_export_chunks", x => new { x.export_id, x.seq });
                });

            migrationBuilder.CreateTable(
                name: "exports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    request = table.Column<string>(type: "text", nullable: false),
                    format = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    filter = table.Column<string>(type: "text", nullable: false),
                    unmasked = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    done = table.Column<long>(type: "bigint", nullable: false),
                    total = table.Column<long>(type: "bigint", nullable: false),
                    row_count = table.Column<long>(type: "bigint", nullable: false),
                    byte_size = table.Column<long>(type: "bigint", nullable: false),
                    chunk_bytes = table.Column<int>(type: "integer", nullable: false),
                    sha256 = table.Column<byte[]>(type: "bytea", nullable: true),
                    feed_cursor = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: true),
                    error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "grades",
                columns: table => new
                {
                    employment_type = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_grades", x => new { x.employment_type, x.code });
                });

            migrationBuilder.CreateTable(
                name: "index_rebuilds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    cause = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    done = table.Column<int>(type: "integer", nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    versions = table.Column<int>(type: "integer", nullable: false),
                    checkpoint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    evaluation_date = table.Column<DateOnly>(type: "date", nullable: true),
                    covers_after = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_index_rebuilds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "jpm_thresholds",
                columns: table => new
                {
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    minimum_jpm = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jpm_thresholds", x => x.category);
                });

            migrationBuilder.CreateTable(
                name: "methods",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false),
                    valid_years = table.Column<int>(type: "integer", nullable: false),
                    used_for_talent_decisions = table.Column<bool>(type: "boolean", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_methods", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "nine_box_counts",
                columns: table => new
                {
                    agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    province_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    position_level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    box = table.Column<int>(type: "integer", nullable: false),
                    unplaced = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    shard = table.Column<short>(type: "smallint", nullable: false),
                    people = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_nine_box_counts", x => new { x.agency_code, x.province_code, x.position_level, x.box, x.unplaced, x.shard });
                });

            migrationBuilder.CreateTable(
                name: "nine_box_national_counts",
                columns: table => new
                {
                    box = table.Column<int>(type: "integer", nullable: false),
                    unplaced = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    people = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_nine_box_national_counts", x => new { x.box, x.unplaced });
                });

            migrationBuilder.CreateTable(
                name: "normalized_records",
                columns: table => new
                {
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    record_index = table.Column<int>(type: "integer", nullable: false),
                    nip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    mapping_keys = table.Column<string[]>(type: "text[]", nullable: false),
                    values = table.Column<string>(type: "text", nullable: false)
                        .Annotation("Npgsql:Compression:", "lz4"),
                    observation = table.Column<string>(type: "text", nullable: false)
                        .Annotation("Npgsql:Compression:", "lz4"),
                    assessment_keys = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_normalized_records", x => new { x.submission_id, x.record_index, x.nip });
                });

            migrationBuilder.CreateTable(
                name: "pending_mappings",
                columns: table => new
                {
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    record_index = table.Column<int>(type: "integer", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    scale_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    canonical_value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    pointer = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pending_mappings", x => new { x.submission_id, x.record_index, x.seq });
                });

            migrationBuilder.CreateTable(
                name: "pii_access_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    endpoint = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    nips = table.Column<string[]>(type: "text[]", nullable: false),
                    details = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pii_access_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "position_levels",
                columns: table => new
                {
                    position_level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    technical_default = table.Column<int>(type: "integer", nullable: false),
                    is_jpt = table.Column<bool>(type: "boolean", nullable: false),
                    feeders = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_position_levels", x => x.position_level);
                });

            migrationBuilder.CreateTable(
                name: "profile_versions",
                columns: table => new
                {
                    nip = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    changes = table.Column<string>(type: "text", nullable: false)
                        .Annotation("Npgsql:Compression:", "lz4"),
                    cause = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_profile_versions", x => new { x.nip, x.version });
                });

            migrationBuilder.CreateTable(
                name: "profiles",
                columns: table => new
                {
                    nip = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<string>(type: "text", nullable: false)
                        .Annotation("Npgsql:Compression:", "lz4"),
                    content_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    provenance = table.Column<string>(type: "text", nullable: false)
                        .Annotation("Npgsql:Compression:", "lz4"),
                    employing_agency = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    position_level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    work_province = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    box = table.Column<int>(type: "integer", nullable: true),
                    jpm = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    jpm_category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    nik_key = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    name_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    merged_into = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    performance_class = table.Column<int>(type: "integer", nullable: true),
                    unplaced_reasons = table.Column<string[]>(type: "text[]", maxLength: 32, nullable: false),
                    position_since = table.Column<DateOnly>(type: "date", nullable: true),
                    level_since = table.Column<DateOnly>(type: "date", nullable: true),
                    complete = table.Column<bool>(type: "boolean", nullable: false),
                    analytics = table.Column<string>(type: "jsonb", nullable: true)
                        .Annotation("Npgsql:Compression:", "lz4"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_profiles", x => x.nip);
                });

            migrationBuilder.CreateTable(
                name: "provinces",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    regencies_and_cities = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provinces", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "record_errors",
                columns: table => new
                {
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    record_index = table.Column<int>(type: "integer", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    line = table.Column<int>(type: "integer", nullable: true),
                    nip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    pointer = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_record_errors", x => new { x.submission_id, x.record_index, x.seq });
                });

            migrationBuilder.CreateTable(
                name: "renormalizations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    changed_scales = table.Column<string[]>(type: "text[]", nullable: false),
                    changed_names = table.Column<string[]>(type: "text[]", nullable: false),
                    done = table.Column<int>(type: "integer", nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    accepted = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_renormalizations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "separated_pairs",
                columns: table => new
                {
                    nip_a = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    nip_b = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    evidence = table.Column<string[]>(type: "text[]", nullable: false),
                    decision_id = table.Column<Guid>(type: "uuid", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_separated_pairs", x => new { x.nip_a, x.nip_b });
                    table.CheckConstraint("ck_separated_pairs_ordered", "nip_a < nip_b");
                });

            migrationBuilder.CreateTable(
                name: "staged_records",
                columns: table => new
                {
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    record_index = table.Column<int>(type: "integer", nullable: false),
                    line = table.Column<int>(type: "integer", nullable: true),
                    raw = table.Column<string>(type: "text", nullable: true)
                        .Annotation("Npgsql:Compression:", "lz4"),
                    ingest_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    nip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    raw_purged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staged_records", x => new { x.submission_id, x.record_index });
                });

            migrationBuilder.CreateTable(
                name: "steward_decisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    nip = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    other_nip = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    conflict_id = table.Column<Guid>(type: "uuid", nullable: true),
                    conflict_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    year = table.Column<int>(type: "integer", nullable: true),
                    scope = table.Column<string>(type: "character varying(65)", maxLength: 65, nullable: true),
                    chosen_agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    chosen_value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    basis = table.Column<string>(type: "text", nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    decided_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lapsed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_steward_decisions", x => new { x.id, x.nip });
                });

            migrationBuilder.CreateTable(
                name: "vacancies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    position_level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    unit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    province_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    required_technical = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vacancies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "standard_levels",
                columns: table => new
                {
                    position_level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    competency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_standard_levels", x => new { x.position_level, x.competency_code });
                    table.ForeignKey(
                        name: "fk_standard_levels_competencies_competency_code",
                        column: x => x.competency_code,
                        principalTable: "competencies",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_standard_levels_position_levels_position_level",
                        column: x => x.position_level,
                        principalTable: "position_levels",
                        principalColumn: "position_level",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agencies",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    province_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agencies", x => x.code);
                    table.ForeignKey(
                        name: "fk_agencies_provinces_province_code",
                        column: x => x.province_code,
                        principalTable: "provinces",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "agency_scales",
                columns: table => new
                {
                    agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    scale_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    applies_from = table.Column<DateOnly>(type: "date", nullable: true),
                    definition = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agency_scales", x => new { x.agency_code, x.scale_code, x.version });
                    table.ForeignKey(
                        name: "fk_agency_scales_agencies_agency_code",
                        column: x => x.agency_code,
                        principalTable: "agencies",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "api_clients",
                columns: table => new
                {
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    agency_code = table.Column<string>(type: "character varying(32)", nullable: true),
                    scopes = table.Column<string[]>(type: "text[]", nullable: false),
                    secret_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    secret_rotated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    disabled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_clients", x => x.client_id);
                    table.ForeignKey(
                        name: "fk_api_clients_agencies_agency_code",
                        column: x => x.agency_code,
                        principalTable: "agencies",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "dictionary_entries",
                columns: table => new
                {
                    agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    canonical_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    agency_competency = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    national_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dictionary_entries", x => new { x.agency_code, x.canonical_name });
                    table.ForeignKey(
                        name: "fk_dictionary_entries_agencies_agency_code",
                        column: x => x.agency_code,
                        principalTable: "agencies",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "submissions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    request_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    original_response = table.Column<string>(type: "text", nullable: false),
                    format = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    csv_decimal_comma = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    body_bytes = table.Column<long>(type: "bigint", nullable: false),
                    received = table.Column<int>(type: "integer", nullable: false),
                    accepted = table.Column<int>(type: "integer", nullable: false),
                    pending_mapping = table.Column<int>(type: "integer", nullable: false),
                    rejected = table.Column<int>(type: "integer", nullable: false),
                    progress_phase = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    progress_done = table.Column<int>(type: "integer", nullable: false),
                    progress_total = table.Column<int>(type: "integer", nullable: false),
                    evaluated_on = table.Column<DateOnly>(type: "date", nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    failure_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_submissions", x => x.id);
                    table.ForeignKey(
                        name: "fk_submissions_agencies_agency_code",
                        column: x => x.agency_code,
                        principalTable: "agencies",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agencies_province_code",
                table: "agencies",
                column: "province_code");

            migrationBuilder.CreateIndex(
                name: "ix_api_clients_agency_code",
                table: "api_clients",
                column: "agency_code");

            migrationBuilder.CreateIndex(
                name: "ix_api_clients_created_at",
                table: "api_clients",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_chunk_commits_job_chunk",
                table: "chunk_commits",
                columns: new[] { "job", "chunk" });

            migrationBuilder.CreateIndex(
                name: "ix_competency_rollup_counts_rollup",
                table: "competency_rollup_counts",
                column: "rollup");

            migrationBuilder.CreateIndex(
                name: "ix_conflicts_nip_kind_field",
                table: "conflicts",
                columns: new[] { "nip", "kind", "field" });

            migrationBuilder.CreateIndex(
                name: "ix_conflicts_nip_status",
                table: "conflicts",
                columns: new[] { "nip", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_conflicts_status_kind_id",
                table: "conflicts",
                columns: new[] { "status", "kind", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_exports_client_id_id",
                table: "exports",
                columns: new[] { "client_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_exports_client_id_idempotency_key",
                table: "exports",
                columns: new[] { "client_id", "idempotency_key" },
                unique: true,
                filter: "idempotency_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_exports_status_expires_at",
                table: "exports",
                columns: new[] { "status", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_nine_box_counts_shard",
                table: "nine_box_counts",
                column: "shard",
                filter: "shard <> -1");

            migrationBuilder.CreateIndex(
                name: "ix_normalized_records_assessment_keys",
                table: "normalized_records",
                column: "assessment_keys")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_normalized_records_mapping_keys",
                table: "normalized_records",
                column: "mapping_keys")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_pending_mappings_agency_code_kind_scale_code_canonical_value",
                table: "pending_mappings",
                columns: new[] { "agency_code", "kind", "scale_code", "canonical_value" });

            migrationBuilder.CreateIndex(
                name: "ix_pii_access_log_at",
                table: "pii_access_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_profiles_box_nip",
                table: "profiles",
                columns: new[] { "box", "nip" });

            migrationBuilder.CreateIndex(
                name: "ix_profiles_employing_agency_nip",
                table: "profiles",
                columns: new[] { "employing_agency", "nip" });

            migrationBuilder.CreateIndex(
                name: "ix_profiles_merged_into",
                table: "profiles",
                column: "merged_into",
                filter: "merged_into IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_profiles_name_key_nip",
                table: "profiles",
                columns: new[] { "name_key", "nip" });

            migrationBuilder.CreateIndex(
                name: "ix_profiles_nik_key_nip",
                table: "profiles",
                columns: new[] { "nik_key", "nip" });

            migrationBuilder.CreateIndex(
                name: "ix_profiles_position_level_nip",
                table: "profiles",
                columns: new[] { "position_level", "nip" });

            migrationBuilder.CreateIndex(
                name: "ix_renormalizations_agency_code_created_at",
                table: "renormalizations",
                columns: new[] { "agency_code", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_separated_pairs_nip_b",
                table: "separated_pairs",
                column: "nip_b");

            migrationBuilder.CreateIndex(
                name: "ix_staged_records_nip",
                table: "staged_records",
                column: "nip");

            migrationBuilder.CreateIndex(
                name: "ix_staged_records_submission_id_nip",
                table: "staged_records",
                columns: new[] { "submission_id", "nip" });

            migrationBuilder.CreateIndex(
                name: "ix_standard_levels_competency_code",
                table: "standard_levels",
                column: "competency_code");

            migrationBuilder.CreateIndex(
                name: "ix_steward_decisions_nip_id",
                table: "steward_decisions",
                columns: new[] { "nip", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_steward_decisions_other_nip_id",
                table: "steward_decisions",
                columns: new[] { "other_nip", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_steward_decisions_resolutions_in_force",
                table: "steward_decisions",
                column: "nip",
                filter: "kind = 'RESOLUTION' AND lapsed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_submissions_agency_code_idempotency_key",
                table: "submissions",
                columns: new[] { "agency_code", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_submissions_agency_code_received_at_id",
                table: "submissions",
                columns: new[] { "agency_code", "received_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_submissions_status",
                table: "submissions",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_agency_code_created_at_id",
                table: "vacancies",
                columns: new[] { "agency_code", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_position_level_agency_code",
                table: "vacancies",
                columns: new[] { "position_level", "agency_code" },
                filter: "closed_at IS NULL");

            // What the model cannot say.
            // The change feed's order: the writing transaction's id, read only by the feed's SQL (ChangesApi).
            migrationBuilder.Sql("ALTER TABLE change_feed ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();");
            migrationBuilder.Sql("CREATE INDEX ix_change_feed_xid_seq ON change_feed (xid, seq);");
            // Export files are gzip already: stored out of line without a second compression.
            migrationBuilder.Sql("ALTER TABLE export_chunks ALTER COLUMN data SET STORAGE EXTERNAL;");
            // Counts kept by statement-level triggers over the transition tables: every writer of profiles
            // (reconciliation, merges, rebuilds) keeps them current in its own transaction, and a rollback undoes both.
            foreach (var function in ProfileCountTriggers.Functions(withRollups: true))
            {
                migrationBuilder.Sql(function);
            }

            migrationBuilder.Sql("""
                CREATE TRIGGER profiles_counts_insert AFTER INSERT ON profiles REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION profiles_counts_on_insert();
                CREATE TRIGGER profiles_counts_update AFTER UPDATE ON profiles REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION profiles_counts_on_update();
                CREATE TRIGGER profiles_counts_delete AFTER DELETE ON profiles REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION profiles_counts_on_delete();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER profiles_counts_insert ON profiles;
                DROP TRIGGER profiles_counts_update ON profiles;
                DROP TRIGGER profiles_counts_delete ON profiles;
                DROP FUNCTION profiles_counts_on_insert();
                DROP FUNCTION profiles_counts_on_update();
                DROP FUNCTION profiles_counts_on_delete();
                """);

            migrationBuilder.DropTable(
                name: "agency_scales");

            migrationBuilder.DropTable(
                name: "api_clients");

            migrationBuilder.DropTable(
                name: "change_feed");

            migrationBuilder.DropTable(
                name: "chunk_commits");

            migrationBuilder.DropTable(
                name: "competency_level_counts");

            migrationBuilder.DropTable(
                name: "competency_levels");

            migrationBuilder.DropTable(
                name: "competency_rollup_counts");

            migrationBuilder.DropTable(
                name: "conflicts");

            migrationBuilder.DropTable(
                name: "dictionary_entries");

            migrationBuilder.DropTable(
                name: "export_chunks");

            migrationBuilder.DropTable(
                name: "exports");

            migrationBuilder.DropTable(
                name: "grades");

            migrationBuilder.DropTable(
                name: "index_rebuilds");

            migrationBuilder.DropTable(
                name: "jpm_thresholds");

            migrationBuilder.DropTable(
                name: "methods");

            migrationBuilder.DropTable(
                name: "nine_box_counts");

            migrationBuilder.DropTable(
                name: "nine_box_national_counts");

            migrationBuilder.DropTable(
                name: "normalized_records");

            migrationBuilder.DropTable(
                name: "pending_mappings");

            migrationBuilder.DropTable(
                name: "pii_access_log");

            migrationBuilder.DropTable(
                name: "profile_versions");

            migrationBuilder.DropTable(
                name: "profiles");

            migrationBuilder.DropTable(
                name: "record_errors");

            migrationBuilder.DropTable(
                name: "renormalizations");

            migrationBuilder.DropTable(
                name: "separated_pairs");

            migrationBuilder.DropTable(
                name: "staged_records");

            migrationBuilder.DropTable(
                name: "standard_levels");

            migrationBuilder.DropTable(
                name: "steward_decisions");

            migrationBuilder.DropTable(
                name: "submissions");

            migrationBuilder.DropTable(
                name: "vacancies");

            migrationBuilder.DropTable(
                name: "competencies");

            migrationBuilder.DropTable(
                name: "position_levels");

            migrationBuilder.DropTable(
                name: "agencies");

            migrationBuilder.DropTable(
                name: "provinces");
        }
    }
}
