using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TalentHub.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Reconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "normalized_values");

            migrationBuilder.AddColumn<string>(
                name: "reconciled_through",
                table: "submissions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

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
                name: "conflicts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    nip = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    year = table.Column<int>(type: "integer", nullable: true),
                    candidates = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conflicts", x => x.id);
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
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_index_rebuilds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "normalized_records",
                columns: table => new
                {
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    record_index = table.Column<int>(type: "integer", nullable: false),
                    agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    nip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    mapping_keys = table.Column<string[]>(type: "text[]", nullable: false),
                    values = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_normalized_records", x => new { x.submission_id, x.record_index });
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
                    nips = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pii_access_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "profile_versions",
                columns: table => new
                {
                    nip = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    changes = table.Column<string>(type: "text", nullable: false),
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
                    content = table.Column<string>(type: "text", nullable: false),
                    content_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    provenance = table.Column<string>(type: "text", nullable: false),
                    employing_agency = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    position_level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    work_province = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    box = table.Column<int>(type: "integer", nullable: true),
                    jpm = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    jpm_category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    merged_into = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_profiles", x => x.nip);
                });

            migrationBuilder.CreateIndex(
                name: "ix_staged_records_nip",
                table: "staged_records",
                column: "nip");

            migrationBuilder.CreateIndex(
                name: "ix_conflicts_nip_status",
                table: "conflicts",
                columns: new[] { "nip", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_conflicts_status_kind_id",
                table: "conflicts",
                columns: new[] { "status", "kind", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_normalized_records_mapping_keys",
                table: "normalized_records",
                column: "mapping_keys")
                .Annotation("Npgsql:IndexMethod", "gin");

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
                name: "ix_profiles_position_level_nip",
                table: "profiles",
                columns: new[] { "position_level", "nip" });
            // The feed's commit-order watermark: each entry carries its writing transaction's id (not modelled in EF).
            migrationBuilder.Sql("ALTER TABLE change_feed ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();");
            migrationBuilder.Sql("CREATE INDEX ix_change_feed_xid_seq ON change_feed (xid, seq);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "change_feed");

            migrationBuilder.DropTable(
                name: "conflicts");

            migrationBuilder.DropTable(
                name: "index_rebuilds");

            migrationBuilder.DropTable(
                name: "normalized_records");

            migrationBuilder.DropTable(
                name: "pii_access_log");

            migrationBuilder.DropTable(
                name: "profile_versions");

            migrationBuilder.DropTable(
                name: "profiles");

            migrationBuilder.DropIndex(
                name: "ix_staged_records_nip",
                table: "staged_records");

            migrationBuilder.DropColumn(
                name: "reconciled_through",
                table: "submissions");

            migrationBuilder.CreateTable(
                name: "normalized_values",
                columns: table => new
                {
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    record_index = table.Column<int>(type: "integer", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    assessed_at = table.Column<DateOnly>(type: "date", nullable: false),
                    assessment_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    competency_names = table.Column<string[]>(type: "text[]", nullable: false),
                    derivation = table.Column<string>(type: "jsonb", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    level = table.Column<int>(type: "integer", nullable: true),
                    method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    national_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    nip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    scale_codes = table.Column<string[]>(type: "text[]", nullable: false),
                    score = table.Column<decimal>(type: "numeric(3,2)", precision: 3, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_normalized_values", x => new { x.submission_id, x.record_index, x.seq });
                });

            migrationBuilder.CreateIndex(
                name: "ix_normalized_values_agency_code_nip",
                table: "normalized_values",
                columns: new[] { "agency_code", "nip" });

            migrationBuilder.CreateIndex(
                name: "ix_normalized_values_competency_names",
                table: "normalized_values",
                column: "competency_names")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_normalized_values_scale_codes",
                table: "normalized_values",
                column: "scale_codes")
                .Annotation("Npgsql:IndexMethod", "gin");
        }
    }
}
