package cn.chuangwen.organization.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.Logins;

/** Every exported cell holds the unit's own field: the export streams rows read by column position. */
@IntegrationTest
class UnitExportIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Units units;

	@Test
	void eachRowCarriesTheUnitsFieldsInTheirColumns() throws Exception {
		byte[] xlsx = mvc.perform(get("/units/export.xlsx").with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		var office = logins.principal("xiantao.office");
		UnitView town = units.search(office.scope(), new UnitQuery(null, UnitKind.TOWN, null, true, null), 1).get(0);
		UnitView parent = units.find(office.scope(), town.parentId()).orElseThrow();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = workbook.getSheetAt(0);
			DataFormatter text = new DataFormatter();
			List<String> row = null;
			for (Row r : sheet) {
				if (town.code().equals(text.formatCellValue(r.getCell(0)))) {
					row = new ArrayList<>();
					for (int i = 0; i < 10; i++) {
						row.add(text.formatCellValue(r.getCell(i)));
					}
				}
			}
			assertThat(row).as("the town's row").isNotNull();
			assertThat(row).containsExactly(town.code(), parent.code(), town.name(), town.kind().chineseName(),
					town.rankingGroup() == null ? "" : town.rankingGroup(), town.committeeMember() ? "是" : "否",
					town.leaderName() == null ? "" : town.leaderName(),
					town.liaisonName() == null ? "" : town.liaisonName(),
					town.liaisonPhone() == null ? "" : town.liaisonPhone(), "在用");
		}
	}

}
