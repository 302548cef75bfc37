/**
 * The few types every module shares: the errors a use case raises for bad input, missing objects
 * and concurrent edits. The web module turns them into pages and problem JSON.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package cn.chuangwen.shared;
