package cn.chuangwen.projects;

/** Where a key project stands, with the colour lists and badges show it in (ui.md). */
public enum ProjectState {

	PLANNING("grey"), RUNNING("blue"), DONE("green"), SUSPENDED("amber");

	private final String colour;

	ProjectState(String colour) {
		this.colour = colour;
	}

	public String colour() {
		return colour;
	}

	public String messageKey() {
		return "project.state." + name();
	}

}
