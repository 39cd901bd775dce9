using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TalentHub.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialFoundation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "ix_standard_levels_competency_code",
                table: "standard_levels",
                column: "competency_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_clients");

            migrationBuilder.DropTable(
                name: "competency_levels");

            migrationBuilder.DropTable(
                name: "grades");

            migrationBuilder.DropTable(
                name: "jpm_thresholds");

            migrationBuilder.DropTable(
                name: "methods");

            migrationBuilder.DropTable(
                name: "standard_levels");

            migrationBuilder.DropTable(
                name: "agencies");

            migrationBuilder.DropTable(
                name: "competencies");

            migrationBuilder.DropTable(
                name: "position_levels");

            migrationBuilder.DropTable(
                name: "provinces");
        }
    }
}
