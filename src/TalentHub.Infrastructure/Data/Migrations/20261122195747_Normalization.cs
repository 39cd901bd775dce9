using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentHub.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Normalization : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "normalized_values",
                columns: table => new
                {
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    record_index = table.Column<int>(type: "integer", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    nip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    assessment_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    assessed_at = table.Column<DateOnly>(type: "date", nullable: false),
                    national_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    score = table.Column<decimal>(type: "numeric(3,2)", precision: 3, scale: 2, nullable: true),
                    level = table.Column<int>(type: "integer", nullable: true),
                    scale_codes = table.Column<string[]>(type: "text[]", nullable: false),
                    competency_names = table.Column<string[]>(type: "text[]", nullable: false),
                    derivation = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_normalized_values", x => new { x.submission_id, x.record_index, x.seq });
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

            migrationBuilder.CreateIndex(
                name: "ix_pending_mappings_agency_code_kind_scale_code_canonical_value",
                table: "pending_mappings",
                columns: new[] { "agency_code", "kind", "scale_code", "canonical_value" });

            migrationBuilder.CreateIndex(
                name: "ix_renormalizations_agency_code_created_at",
                table: "renormalizations",
                columns: new[] { "agency_code", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agency_scales");

            migrationBuilder.DropTable(
                name: "dictionary_entries");

            migrationBuilder.DropTable(
                name: "normalized_values");

            migrationBuilder.DropTable(
                name: "pending_mappings");

            migrationBuilder.DropTable(
                name: "renormalizations");
        }
    }
}
