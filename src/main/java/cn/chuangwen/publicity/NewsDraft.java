package cn.chuangwen.publicity;

/** What a unit submits: title, text and, optionally, the id of the key project it is about (as typed). */
public record NewsDraft(String title, String body, String projectId) {
}
