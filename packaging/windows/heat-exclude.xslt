<?xml version="1.0" encoding="utf-8"?>
<!-- heat.exe transform: drop the two executables from the harvested payload, because
     Bauhinia.wxs declares them itself (the shortcut and the key paths refer to them). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:wix="http://schemas.microsoft.com/wix/2006/wi">
  <xsl:output method="xml" indent="yes"/>
  <xsl:key name="exe" match="wix:Component[wix:File[
      substring(@Source, string-length(@Source) - string-length('\bauhinia.exe') + 1) = '\bauhinia.exe' or
      substring(@Source, string-length(@Source) - string-length('\bauhinia-gui.exe') + 1) = '\bauhinia-gui.exe']]"
      use="@Id"/>
  <xsl:template match="@*|node()">
    <xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
  </xsl:template>
  <xsl:template match="wix:Component[key('exe', @Id)]"/>
  <xsl:template match="wix:ComponentRef[key('exe', @Id)]"/>
</xsl:stylesheet>
