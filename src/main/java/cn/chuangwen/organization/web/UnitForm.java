package cn.chuangwen.organization.web;

import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;

/** The unit form as the browser posts it; converted to a {@link UnitDraft} for the service. */
public class UnitForm {

	private String code;

	private String name;

	private String kind;

	private Long parentId;

	private String rankingGroup;

	private boolean committeeMember;

	private String leaderName;

	private String liaisonName;

	private String liaisonPhone;

	private int version;

	static UnitForm of(UnitView u) {
		UnitForm f = new UnitForm();
		f.code = u.code();
		f.name = u.name();
		f.kind = u.kind().name();
		f.parentId = u.parentId();
		f.rankingGroup = u.rankingGroup();
		f.committeeMember = u.committeeMember();
		f.leaderName = u.leaderName();
		f.liaisonName = u.liaisonName();
		f.liaisonPhone = u.liaisonPhone();
		f.version = u.version();
		return f;
	}

	UnitDraft toDraft() {
		return new UnitDraft(code, name, UnitKind.parse(kind).orElse(null), parentId, rankingGroup, committeeMember,
				leaderName, liaisonName, liaisonPhone);
	}

	public String getCode() {
		return code;
	}

	public void setCode(String code) {
		this.code = code;
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getKind() {
		return kind;
	}

	public void setKind(String kind) {
		this.kind = kind;
	}

	public Long getParentId() {
		return parentId;
	}

	public void setParentId(Long parentId) {
		this.parentId = parentId;
	}

	public String getRankingGroup() {
		return rankingGroup;
	}

	public void setRankingGroup(String rankingGroup) {
		this.rankingGroup = rankingGroup;
	}

	public boolean isCommitteeMember() {
		return committeeMember;
	}

	public void setCommitteeMember(boolean committeeMember) {
		this.committeeMember = committeeMember;
	}

	public String getLeaderName() {
		return leaderName;
	}

	public void setLeaderName(String leaderName) {
		this.leaderName = leaderName;
	}

	public String getLiaisonName() {
		return liaisonName;
	}

	public void setLiaisonName(String liaisonName) {
		this.liaisonName = liaisonName;
	}

	public String getLiaisonPhone() {
		return liaisonPhone;
	}

	public void setLiaisonPhone(String liaisonPhone) {
		this.liaisonPhone = liaisonPhone;
	}

	public int getVersion() {
		return version;
	}

	public void setVersion(int version) {
		this.version = version;
	}

}
